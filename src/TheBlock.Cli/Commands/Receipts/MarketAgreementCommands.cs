using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli market agreement …</c>: a buyer (the CLI key) opens an agreement with a provider, tops up or closes
/// it; each waits until committed and prints the agreement as the block left it. <c>show</c> reads one.
/// </summary>
internal static class MarketAgreementCommands
{
    public static Command Create(CommandRunner runner)
    {
        var agreement = new Command("agreement", "Service agreements: a buyer's deposit that a provider's receipts are paid from.");
        agreement.Subcommands.Add(Open(runner));
        agreement.Subcommands.Add(TopUp(runner));
        agreement.Subcommands.Add(Close(runner));
        agreement.Subcommands.Add(Show(runner));
        return agreement;
    }

    private static Command Open(CommandRunner runner)
    {
        var market = new Option<string>("--market") { Description = $"{string.Join(", ", ServiceMarkets.Names)}.", HelpName = "M", Required = true };
        var providerId = new Option<string>("--provider-id") { Description = "A provider registered in that market.", HelpName = "ID", Required = true };
        var unitPrice = new Option<ulong>("--unit-price") { Description = $"CT paid per unit of a receipt (1 to {ReceiptsLimits.MaxUnitPrice}).", HelpName = "N", Required = true };
        var deposit = new Option<string>("--deposit") { Description = "CT moved from the CLI key's account into the agreement, at least 1.", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("open", HelpText.WithExample(
            "Open an agreement as the CLI key (the buyer), depositing CT; waits until committed and prints {agreement_id, tx_hash, block_height, agreement}.",
            "contract-cli market agreement open --market storage --provider-id storage_usa_001 --unit-price 2 --deposit 50000 | jq .agreement_id"))
        {
            market,
            providerId,
            unitPrice,
            deposit,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) => SubmitAsync(
            context,
            ReceiptsArguments.Checked(new AgreementOpenPayload(
                ReceiptsArguments.ServiceMarket(context.Required(market)),
                context.Required(providerId),
                context.Required(unitPrice),
                ArgumentRules.Amount(context.Required(deposit)))),
            submit.Read(context),
            withRefund: false,
            cancellationToken));
        return command;
    }

    private static Command TopUp(CommandRunner runner)
    {
        var agreementId = AgreementIdOption();
        var amount = new Option<string>("--amount") { Description = "CT to add to the deposit, at least 1.", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("top-up", HelpText.WithExample(
            "Add CT to an open agreement's deposit (its buyer only); waits until committed and prints the agreement.",
            "contract-cli market agreement top-up --agreement-id 1 --amount 10000 | jq .agreement.deposit"))
        {
            agreementId,
            amount,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) => SubmitAsync(
            context,
            ReceiptsArguments.Checked(new AgreementTopUpPayload(context.Required(agreementId), ArgumentRules.Amount(context.Required(amount)))),
            submit.Read(context),
            withRefund: false,
            cancellationToken));
        return command;
    }

    private static Command Close(CommandRunner runner)
    {
        var agreementId = AgreementIdOption();
        var submit = new SubmitOptions();
        var command = new Command("close", HelpText.WithExample(
            "Close an agreement (its buyer or its provider's owner): the unused deposit returns to the buyer. Prints the refund and the closed agreement.",
            "contract-cli market agreement close --agreement-id 1 | jq .refunded"))
        {
            agreementId,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) => SubmitAsync(
            context, new AgreementClosePayload(context.Required(agreementId)), submit.Read(context), withRefund: true, cancellationToken));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var agreementId = AgreementIdOption();
        var command = new Command("show", HelpText.WithExample(
            "Show one agreement: market, provider, buyer, unit_price, deposit left, paid, units, receipts, status, and the refund once closed.",
            "contract-cli market agreement show --agreement-id 1 | jq '{status, deposit, paid}'"))
        {
            agreementId,
        };
        runner.Rpc(command, ReceiptsRpc.AgreementShow, context => new AgreementShowParams(context.Required(agreementId)));
        return command;
    }

    private static Option<ulong> AgreementIdOption() => new("--agreement-id") { Description = "The agreement.", HelpName = "A", Required = true };

    /// <summary>Without <c>--no-wait</c> the committed status becomes the agreement it changed; with it, <c>{tx_hash}</c> as every transaction command prints.</summary>
    private static async Task<JsonElement> SubmitAsync(
        CommandContext context, TransactionPayload payload, SubmitSettings settings, bool withRefund, CancellationToken cancellationToken)
    {
        var submitted = await TransactionSubmitter.SubmitAsync(context, payload, settings, cancellationToken).ConfigureAwait(false);
        return settings.Wait ? AgreementOutcome.Of(submitted, withRefund) : submitted;
    }
}
