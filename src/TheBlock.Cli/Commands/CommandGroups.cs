using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Cli.Commands.Energy;
using TheBlock.Cli.Commands.Node;
using TheBlock.Cli.Commands.Receipts;
using TheBlock.Cli.Commands.Treasury;

namespace TheBlock.Cli.Commands;

/// <summary>The command groups under <c>contract-cli</c>, in help order. A new group is its file plus its line here.</summary>
internal static class CommandGroups
{
    public static IReadOnlyList<Func<CommandRunner, Command>> All { get; } =
    [
        NodeCommands.Create,
        KeysCommands.Create,
        TxCommands.Create,
        BlockCommands.Create,
        GovCommands.Create,
        AuditCommands.Create,
        EnergyCommands.Create,
        MarketCommands.Create,
        ReceiptsCommands.Create,
        RpcCommands.Create,
        DevCommands.Create,
    ];
}
