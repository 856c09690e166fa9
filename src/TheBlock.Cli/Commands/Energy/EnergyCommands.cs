using System.CommandLine;
using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary><c>contract-cli energy …</c>: the energy market: readings, providers, escrow, market, credits and disputes.</summary>
internal static class EnergyCommands
{
    public static Command Create(CommandRunner runner)
    {
        var energy = new Command("energy", "The energy market: providers, meter readings, credits, settlement, disputes.");
        var reading = new Command("reading", "Signed meter readings (spec/energy.md).");
        reading.Subcommands.Add(Sign(runner));
        reading.Subcommands.Add(ReadingSubmitCommand.Create(runner));
        energy.Subcommands.Add(reading);
        energy.Subcommands.Add(EnergyProviderCommands.Create(runner));
        energy.Subcommands.Add(EnergyEscrowCommands.Create(runner));
        energy.Subcommands.Add(EnergyMarketCommands.Market(runner));
        energy.Subcommands.Add(EnergyMarketCommands.Credits(runner));
        energy.Subcommands.Add(EnergyDisputeCommands.Create(runner));
        energy.Subcommands.Add(OracleCommands.Create(runner));
        return energy;
    }

    private static Command Sign(CommandRunner runner)
    {
        var providerId = new Option<string>("--provider-id") { Description = "The provider the meter belongs to.", HelpName = "ID", Required = true };
        var meter = new Option<string>("--meter") { Description = "The meter id.", HelpName = "METER", Required = true };
        var totalKwh = new Option<ulong>("--total-kwh") { Description = "The meter's cumulative total, in kWh.", HelpName = "N", Required = true };
        var timestamp = new Option<ulong?>("--timestamp") { Description = "Unix seconds of the reading (default: now).", HelpName = "T" };
        var nonce = new Option<ulong?>("--nonce") { Description = "Strictly increasing per meter (default: now in unix milliseconds).", HelpName = "N" };
        var command = new Command("sign", HelpText.WithExample(
            "Sign a meter reading with the provider's key (--key FILE, else the default key) and print the reading JSON, "
            + "ready for `energy reading submit --file`. Nothing is sent.",
            "contract-cli energy reading sign --key meter.key --provider-id provider_usa_001 --meter meter_001 --total-kwh 1500000 > reading.json"))
        {
            providerId,
            meter,
            totalKwh,
            timestamp,
            nonce,
        };
        runner.Handle(command, context =>
        {
            using var key = context.LoadSigningKey();
            var now = DateTimeOffset.UtcNow;
            var unsigned = new SignedReading(
                context.Required(providerId),
                context.Required(meter),
                context.Required(totalKwh),
                context.Value(timestamp) ?? (ulong)now.ToUnixTimeSeconds(),
                context.Value(nonce) ?? (ulong)now.ToUnixTimeMilliseconds(),
                ReadOnlyMemory<byte>.Empty);
            var submission = ReadingSubmission.From(unsigned with { Signature = key.Sign(unsigned.SigningMessage()) });

            // The document checks a submitter's oracle runs: an id the oracle would refuse is a usage error here.
            var check = ReadingDocument.Read(JsonSerializer.SerializeToElement(submission, EnergyJsonContext.Default.ReadingSubmission));
            if (check.Reason is { } reason)
            {
                throw new CliException(CliErrors.Usage(reason, check.Message!));
            }

            return JsonSerializer.SerializeToElement(submission, EnergyJsonContext.Default.ReadingSubmission);
        });
        return command;
    }
}
