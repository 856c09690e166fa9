using System.CommandLine;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Core;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Commands.Node;

/// <summary><c>contract-cli tx …</c>: signed transfers and transaction status.</summary>
internal static class TxCommands
{
    public static Command Create(CommandRunner runner)
    {
        var tx = new Command("tx", "Transactions: send a transfer, look one up by hash.");
        tx.Subcommands.Add(Transfer(runner));
        tx.Subcommands.Add(Status(runner));
        return tx;
    }

    private static Command Transfer(CommandRunner runner)
    {
        var to = new Option<string>("--to") { Description = "Destination ct1… address.", HelpName = "ADDRESS", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount in CT (at least 1).", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("transfer", HelpText.WithExample(
            "Sign a transfer with the CLI's key (--key, else the default key), submit it and wait until it is committed.",
            "contract-cli tx transfer --to ct1… --amount 100 | jq .block_height"))
        {
            to,
            amount,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
        {
            var payload = new TransferPayload(ArgumentRules.Address(context.Required(to)), ArgumentRules.Amount(context.Required(amount)));
            return TransactionSubmitter.SubmitAsync(context, payload, submit.Read(context), cancellationToken);
        });
        return command;
    }

    private static Command Status(CommandRunner runner)
    {
        var hash = new Option<string>("--hash") { Description = "Transaction hash (64 hex characters).", HelpName = "HASH", Required = true };
        var command = new Command("status", HelpText.WithExample(
            "Show whether a transaction is pending, committed (and where) or rejected (and why).",
            "contract-cli tx status --hash 3f…e1 | jq -r .status"))
        {
            hash,
        };
        runner.Rpc(command, CoreRpc.TxStatus, context => new TxStatusParams(ArgumentRules.TransactionHash(context.Required(hash))));
        return command;
    }
}
