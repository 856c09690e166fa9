using System.CommandLine;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli market …</c>: the storage, compute and ad markets' providers and agreements. Registering and the
/// agreement's life are transactions signed with the CLI key; <c>providers list</c> and <c>agreement show</c> print
/// their methods' results unchanged.
/// </summary>
internal static class MarketCommands
{
    public static Command Create(CommandRunner runner)
    {
        var market = new Command("market", $"The service markets ({string.Join(", ", ServiceMarkets.Names)}): providers and agreements that receipts are paid from.");
        var provider = new Command("provider", "A market provider: the owner its receipts pay and the key they are signed with.");
        provider.Subcommands.Add(Register(runner));
        market.Subcommands.Add(provider);
        market.Subcommands.Add(ProvidersList(runner));
        market.Subcommands.Add(MarketAgreementCommands.Create(runner));
        return market;
    }

    private static Command Register(CommandRunner runner)
    {
        var marketOption = new Option<string>("--market") { Description = $"{string.Join(", ", ServiceMarkets.Names)}.", HelpName = "M", Required = true };
        var providerId = new Option<string>("--provider-id") { Description = "The provider's id in that market (1 to 64 bytes).", HelpName = "ID", Required = true };
        var publicKey = new Option<string>("--public-key") { Description = "The Ed25519 public key its receipts are signed with, base64.", HelpName = "B64", Required = true };
        var stake = new Option<string>("--stake") { Description = "CT to lock from the CLI key's account (at least the chain's min_stake).", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("register", HelpText.WithExample(
            "Register a provider owned by the CLI key, locking its stake; waits until committed and prints the transaction's status with its events.",
            "contract-cli market provider register --market storage --provider-id storage_usa_001 "
            + "--public-key \"$(contract-cli keys address --key provider.key | jq -r .public_key)\" --stake 10000"))
        {
            marketOption,
            providerId,
            publicKey,
            stake,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
        {
            var payload = ReceiptsArguments.Checked(new MarketProviderRegisterPayload(
                ReceiptsArguments.ServiceMarket(context.Required(marketOption)),
                context.Required(providerId),
                ReceiptsArguments.PublicKey(context.Required(publicKey)),
                ArgumentRules.Amount(context.Required(stake))));
            return TransactionSubmitter.SubmitAsync(context, payload, submit.Read(context), cancellationToken);
        });
        return command;
    }

    private static Command ProvidersList(CommandRunner runner)
    {
        var marketOption = new Option<string?>("--market") { Description = $"Only this market's providers: {string.Join(", ", ServiceMarkets.Names)}.", HelpName = "M" };
        var list = new Command("list", HelpText.WithExample(
            "List the registered market providers: market, provider_id, owner, public_key (base64), stake, registered_height, registered_at.",
            "contract-cli market providers list --market storage | jq -r '.providers[].provider_id'"))
        {
            marketOption,
        };
        runner.Rpc(list, ReceiptsRpc.ProvidersList, context =>
            new MarketProvidersParams(context.Value(marketOption) is { } given ? ReceiptsArguments.ServiceMarketFilter(given) : null));
        var providers = new Command("providers", "The registered market providers.");
        providers.Subcommands.Add(list);
        return providers;
    }
}
