using System.CommandLine;
using TheBlock.Client.Core;

namespace TheBlock.Cli.Commands.Node;

/// <summary><c>contract-cli rpc …</c>: what the node's JSON-RPC listener serves.</summary>
internal static class RpcCommands
{
    public static Command Create(CommandRunner runner)
    {
        var rpc = new Command("rpc", "The node's JSON-RPC methods.");
        rpc.Subcommands.Add(Methods(runner));
        return rpc;
    }

    private static Command Methods(CommandRunner runner)
    {
        var command = new Command("methods", HelpText.WithExample(
            "List every method the node serves and the role that may call it (public needs no token).",
            "contract-cli rpc methods | jq -r '.methods[] | select(.role != \"public\") | .name'"));
        runner.Rpc(command, CoreRpc.RpcMethods);
        return command;
    }
}
