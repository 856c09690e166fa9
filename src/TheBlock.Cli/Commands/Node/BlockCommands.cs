using System.CommandLine;
using TheBlock.Client.Core;

namespace TheBlock.Cli.Commands.Node;

/// <summary><c>contract-cli block …</c>: committed blocks.</summary>
internal static class BlockCommands
{
    public static Command Create(CommandRunner runner)
    {
        var block = new Command("block", "Committed blocks.");
        block.Subcommands.Add(Show(runner));
        return block;
    }

    private static Command Show(CommandRunner runner)
    {
        var height = new Option<ulong>("--height") { Description = "Block height.", HelpName = "N", Required = true };
        var command = new Command("show", HelpText.WithExample(
            "Show the block at a height: header, roots and its transactions.",
            "contract-cli block show --height 42 | jq '.transactions[].hash'"))
        {
            height,
        };
        runner.Rpc(command, CoreRpc.BlockShow, context => new BlockShowParams(context.Required(height)));
        return command;
    }
}
