using System.CommandLine;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary><c>contract-cli energy escrow …</c>: an offtaker (the CLI key) funds or drains its energy escrow; <c>show</c> reads one.</summary>
internal static class EnergyEscrowCommands
{
    public static Command Create(CommandRunner runner)
    {
        var escrow = new Command("escrow", "Offtakers' energy escrow, which settlements draw from.");
        escrow.Subcommands.Add(Move(runner, "deposit", "Move CT from the CLI key's account into its energy escrow.", amount => new EscrowDepositPayload(amount)));
        escrow.Subcommands.Add(Move(runner, "withdraw", "Take CT of the CLI key's energy escrow back to its account.", amount => new EscrowWithdrawPayload(amount)));
        escrow.Subcommands.Add(Show(runner));
        return escrow;
    }

    private static Command Move(CommandRunner runner, string name, string description, Func<ulong, Protocol.Transactions.TransactionPayload> payload)
    {
        var amount = new Option<string>("--amount") { Description = "CT, at least 1.", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command(name, HelpText.WithExample(description + " Waits until committed and prints the transaction's status.", $"contract-cli energy escrow {name} --key offtaker.key --amount 50000"))
        {
            amount,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
            TransactionSubmitter.SubmitAsync(context, payload(ArgumentRules.Amount(context.Required(amount))), submit.Read(context), cancellationToken));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var address = new Option<string?>("--address") { Description = "The offtaker (default: the CLI key's address).", HelpName = "ADDR" };
        var command = new Command("show", HelpText.WithExample("Show what an offtaker holds in the energy escrow: {address, escrow}.", "contract-cli energy escrow show --address ct1… | jq .escrow"))
        {
            address,
        };
        runner.Rpc(command, EnergyRpc.EscrowShow, context =>
        {
            if (context.Value(address) is { } given)
            {
                return new EscrowShowParams(ArgumentRules.Address(given).ToString());
            }

            using var key = context.LoadSigningKey();
            return new EscrowShowParams(key.Address.ToString());
        });
        return command;
    }
}
