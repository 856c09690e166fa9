using System.CommandLine;
using TheBlock.Client.Energy.Oracle;

namespace TheBlock.Cli.Commands.Energy;

/// <summary><c>contract-cli energy oracle keys status</c>: the keys the oracle tier knows and each oracle's health, as the node sees them.</summary>
internal static class OracleCommands
{
    public static Command Create(CommandRunner runner)
    {
        var status = new Command("status", HelpText.WithExample(
            "Show the provider keys the chain holds, what the oracle tier last synced (count, height, age), and each oracle that calls the node with its health.",
            "contract-cli energy oracle keys status | jq '.oracles[] | {oracle_id, healthy, age_seconds}'"));
        runner.Rpc(status, OracleRpc.Status);
        var keys = new Command("keys", "The oracle tier's view of provider keys.");
        keys.Subcommands.Add(status);
        var oracle = new Command("oracle", "The energy-oracle tier.");
        oracle.Subcommands.Add(keys);
        return oracle;
    }
}
