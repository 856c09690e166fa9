using System.CommandLine;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>contract-cli energy provider …</c>: a provider's life as transactions signed with the CLI key (its owner), and
/// <c>show</c>, the <c>energy.provider.show</c> method printed unchanged.
/// </summary>
internal static class EnergyProviderCommands
{
    public static Command Create(CommandRunner runner)
    {
        var provider = new Command("provider", "Energy providers: register, update terms, rotate the meters' key, exit, show.");
        provider.Subcommands.Add(Register(runner));
        provider.Subcommands.Add(Update(runner));
        provider.Subcommands.Add(RotateKey(runner));
        provider.Subcommands.Add(Exit(runner));
        provider.Subcommands.Add(Show(runner));
        return provider;
    }

    private static Command Register(CommandRunner runner)
    {
        var options = new TermOptions(required: true);
        var publicKey = new Option<string>("--public-key") { Description = "The meters' Ed25519 public key, base64.", HelpName = "B64", Required = true };
        var stake = new Option<string>("--stake") { Description = "CT to lock from the CLI key's account (at least the chain's min_stake).", HelpName = "N", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("register", HelpText.WithExample(
            "Register a provider owned by the CLI key, locking its stake; waits until committed and prints the transaction's status with its events.",
            "contract-cli energy provider register --provider-id provider_usa_001 --public-key \"$(cat meter.pub)\" --meters meter_001,meter_002 "
            + "--capacity-kwh 5000 --price-per-kwh 3 --jurisdiction US-CA --offtaker ct1… --stake 10000"))
        {
            publicKey,
            stake,
        };
        options.AddTo(command);
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
        {
            var payload = EnergyArguments.Checked(new ProviderRegisterPayload(
                context.Required(options.ProviderId),
                EnergyArguments.PublicKey(context.Required(publicKey)),
                options.Terms(context, current: null),
                ArgumentRules.Amount(context.Required(stake))));
            return TransactionSubmitter.SubmitAsync(context, payload, submit.Read(context), cancellationToken);
        });
        return command;
    }

    private static Command Update(CommandRunner runner)
    {
        var options = new TermOptions(required: false);
        var submit = new SubmitOptions();
        var command = new Command("update", HelpText.WithExample(
            "Replace some of a provider's terms: the terms given replace the current ones (read from the node), the rest stay.",
            "contract-cli energy provider update --provider-id provider_usa_001 --price-per-kwh 4"));
        options.AddTo(command);
        submit.AddTo(command);
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var providerId = context.Required(options.ProviderId);
            if (!options.AnyGiven(context))
            {
                throw new CliException(CliErrors.Usage(
                    EnergyReasonRegistry.Cli.NothingToUpdate,
                    "no term given; pass at least one of --meters, --capacity-kwh, --price-per-kwh, --jurisdiction, --offtaker"));
            }

            var current = await context.CallAsync(EnergyRpc.ProviderShow, new ProviderShowParams(providerId), cancellationToken).ConfigureAwait(false);
            var payload = EnergyArguments.Checked(new ProviderUpdatePayload(providerId, options.Terms(context, current)));
            return await TransactionSubmitter.SubmitAsync(context, payload, submit.Read(context), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command RotateKey(CommandRunner runner)
    {
        var providerId = ProviderIdOption();
        var publicKey = new Option<string>("--public-key") { Description = "The new Ed25519 public key, base64; the old one stops verifying at once.", HelpName = "B64", Required = true };
        var submit = new SubmitOptions();
        var command = new Command("rotate-key", HelpText.WithExample(
            "Replace the key the provider's meters sign with.",
            "contract-cli energy provider rotate-key --provider-id provider_usa_001 --public-key \"$(cat new-meter.pub)\""))
        {
            providerId,
            publicKey,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
        {
            var payload = EnergyArguments.Checked(new ProviderRotateKeyPayload(context.Required(providerId), EnergyArguments.PublicKey(context.Required(publicKey))));
            return TransactionSubmitter.SubmitAsync(context, payload, submit.Read(context), cancellationToken);
        });
        return command;
    }

    private static Command Exit(CommandRunner runner)
    {
        var providerId = ProviderIdOption();
        var submit = new SubmitOptions();
        var command = new Command("exit", HelpText.WithExample(
            "Leave the market: no new readings; the stake returns once the provider's open credits are final.",
            "contract-cli energy provider exit --provider-id provider_usa_001"))
        {
            providerId,
        };
        submit.AddTo(command);
        runner.Handle(command, (context, cancellationToken) =>
            TransactionSubmitter.SubmitAsync(context, EnergyArguments.Checked(new ProviderExitPayload(context.Required(providerId))), submit.Read(context), cancellationToken));
        return command;
    }

    private static Command Show(CommandRunner runner)
    {
        var providerId = new Argument<string>("provider_id") { Description = "The provider's id." };
        var command = new Command("show", HelpText.WithExample(
            "Show one provider: status, reputation, public_key (base64), meters, terms, stake, last_settlement (unix s or null) and the offtaker's escrow.",
            "contract-cli energy provider show provider_usa_001 | jq .last_settlement"))
        {
            providerId,
        };
        runner.Rpc(command, EnergyRpc.ProviderShow, context => new ProviderShowParams(context.ParseResult.GetRequiredValue(providerId)));
        return command;
    }

    private static Option<string> ProviderIdOption() =>
        new("--provider-id") { Description = "The provider's id.", HelpName = "ID", Required = true };

    /// <summary>The provider's terms as options, shared by register (all required) and update (any given replaces).</summary>
    private sealed class TermOptions(bool required)
    {
        public Option<string> ProviderId { get; } = ProviderIdOption();

        private readonly Option<string?> _meters = new("--meters") { Description = "Meter ids, comma-separated.", HelpName = "M1,M2", Required = required };
        private readonly Option<ulong?> _capacity = new("--capacity-kwh") { Description = "Capacity in kWh.", HelpName = "N", Required = required };
        private readonly Option<ulong?> _price = new("--price-per-kwh") { Description = "Price in CT per kWh.", HelpName = "N", Required = required };
        private readonly Option<string?> _jurisdiction = new("--jurisdiction") { Description = "Where the provider operates, e.g. US-CA.", HelpName = "J", Required = required };
        private readonly Option<string?> _offtaker = new("--offtaker") { Description = "The account that buys the energy and funds the escrow.", HelpName = "ADDR", Required = required };

        public void AddTo(Command command)
        {
            command.Options.Add(ProviderId);
            command.Options.Add(_meters);
            command.Options.Add(_capacity);
            command.Options.Add(_price);
            command.Options.Add(_jurisdiction);
            command.Options.Add(_offtaker);
        }

        public bool AnyGiven(CommandContext context) =>
            context.Value(_meters) is not null || context.Value(_capacity) is not null || context.Value(_price) is not null
            || context.Value(_jurisdiction) is not null || context.Value(_offtaker) is not null;

        /// <summary>The terms given, each missing one taken from <paramref name="current"/>.</summary>
        public ProviderTerms Terms(CommandContext context, ProviderView? current) => new(
            context.Value(_meters) is { } meters ? EnergyArguments.Meters(meters) : [.. current!.Meters],
            context.Value(_capacity) ?? current!.CapacityKwh,
            context.Value(_price) ?? current!.PricePerKwh,
            context.Value(_jurisdiction) ?? current!.Jurisdiction,
            ArgumentRules.Address(context.Value(_offtaker) ?? current!.Offtaker));
    }
}
