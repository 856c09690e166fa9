using System.CommandLine;
using TheBlock.Client.Core;

namespace TheBlock.Cli.Commands.Node;

/// <summary><c>contract-cli node …</c>: the node's status, consensus health and ledger.</summary>
internal static class NodeCommands
{
    public static Command Create(CommandRunner runner)
    {
        var node = new Command("node", "The node: status, consensus and ledger.");
        node.Subcommands.Add(Status(runner));
        node.Subcommands.Add(Consensus(runner));
        node.Subcommands.Add(Ledger(runner));
        return node;
    }

    private static Command Status(CommandRunner runner)
    {
        var command = new Command("status", HelpText.WithExample(
            "Show the chain id, height, epoch, last block and roles of the node.",
            "contract-cli node status | jq .current_block_height"));
        runner.Rpc(command, CoreRpc.NodeStatus);
        return command;
    }

    private static Command Consensus(CommandRunner runner)
    {
        var status = new Option<bool>("--status") { Description = "Show consensus health (the default view)." };
        var command = new Command("consensus", HelpText.WithExample(
            "Show the consensus mode, leader, validators and whether blocks are being produced.",
            "contract-cli node consensus --status | jq .healthy"))
        {
            status,
        };
        runner.Rpc(command, CoreRpc.NodeConsensus);
        return command;
    }

    private static Command Ledger(CommandRunner runner)
    {
        var account = new Option<string>("--account")
        {
            Description = "A ct1… address or a system account name (treasury).",
            HelpName = "ACCOUNT",
            Required = true,
        };
        var inspect = new Command("inspect", HelpText.WithExample(
            "Show an account's balance, nonce, escrow and newest ledger entries.",
            "contract-cli node ledger inspect --account treasury | jq .balance"))
        {
            account,
        };
        runner.Rpc(inspect, CoreRpc.LedgerInspect, context => new LedgerInspectParams(ArgumentRules.Account(context.Required(account))));

        var ledger = new Command("ledger", "The account ledger.");
        ledger.Subcommands.Add(inspect);
        return ledger;
    }
}
