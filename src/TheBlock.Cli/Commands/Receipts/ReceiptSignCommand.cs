using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli receipts sign</c>: a provider signs a usage receipt with its key file and gets the submission JSON
/// the emitter reads (<see cref="ReceiptDocument"/>). Nothing is sent. A receipt the emitter would refuse as
/// <c>schema_mismatch</c> is refused here with the same reason.
/// </summary>
internal static class ReceiptSignCommand
{
    public static Command Create(CommandRunner runner)
    {
        var market = new Option<string>("--market") { Description = $"The market: {string.Join(", ", ServiceMarkets.Names)}.", HelpName = "M", Required = true };
        var providerId = new Option<string>("--provider-id") { Description = "The registered provider whose key signs.", HelpName = "ID", Required = true };
        var agreementId = new Option<ulong>("--agreement-id") { Description = "The agreement the service was paid under.", HelpName = "A", Required = true };
        var units = new Option<ulong>("--units") { Description = "Units of service, at least 1; paid at the agreement's unit price.", HelpName = "N", Required = true };
        var nonce = new Option<ulong>("--nonce") { Description = "Unique per provider; the chain refuses a nonce it has seen.", HelpName = "N", Required = true };
        var createdAt = new Option<ulong?>("--created-at") { Description = "Unix seconds the service was delivered (default: now).", HelpName = "T" };
        var fields = new Option<string[]>("--field")
        {
            Description = "The market's own fields as name=value, each once: storage contract_id, bytes, duration_seconds; "
                + "compute job_id, compute_units; ad campaign_id, impressions, clicks.",
            HelpName = "K=V",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("sign", HelpText.WithExample(
            "Sign a receipt with the provider's key (--key FILE, else the default key) and print the submission JSON, "
            + "ready for `receipts submit --file`. Nothing is sent.",
            "contract-cli receipts sign --key provider.key --market storage --provider-id storage_dev_001 --agreement-id 1 --units 4 --nonce 1 "
            + "--field contract_id=c-1 --field bytes=1048576 --field duration_seconds=3600 > receipt.json"))
        {
            market,
            providerId,
            agreementId,
            units,
            nonce,
            createdAt,
            fields,
        };
        runner.Handle(command, context =>
        {
            var serviceMarket = ServiceMarkets.TryParse(context.Required(market), out var parsed)
                ? parsed.Value
                : throw SchemaMismatch($"market \"{context.Required(market)}\" takes no signed receipts; providers sign receipts in {string.Join(", ", ServiceMarkets.Names)} "
                    + "(energy receipts come from settled meter readings)");
            var unsigned = new MarketReceipt(
                serviceMarket,
                context.Required(providerId),
                context.Required(agreementId),
                context.Required(units),
                context.Required(nonce),
                context.Value(createdAt) ?? (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                Fields(serviceMarket, context.Value(fields) ?? []),
                ReadOnlyMemory<byte>.Empty);
            if (unsigned.SchemaProblem() is { } problem)
            {
                throw SchemaMismatch(problem);
            }

            using var key = context.LoadSigningKey();
            using var document = JsonDocument.Parse(ReceiptDocument.ToJson(unsigned.SignedWith(key)));
            return document.RootElement.Clone();
        });
        return command;
    }

    /// <summary>Each <c>name=value</c> typed by the market's schema, in the schema's order; every field exactly once.</summary>
    private static List<ReceiptField> Fields(ServiceMarket market, IReadOnlyList<string> given)
    {
        var schema = ServiceMarkets.Schema(market);
        var expected = $"{ServiceMarkets.Name(market)} receipts carry {string.Join(", ", schema.Select(f => f.Name))}";
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in given)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw SchemaMismatch($"--field \"{pair}\" is not name=value; {expected}");
            }

            var name = pair[..equals];
            if (!schema.Any(field => field.Name == name))
            {
                throw SchemaMismatch($"unknown field \"{name}\"; {expected}");
            }

            if (!values.TryAdd(name, pair[(equals + 1)..]))
            {
                throw SchemaMismatch($"field {name} is given twice; pass each field once");
            }
        }

        var missing = schema.Where(field => !values.ContainsKey(field.Name)).Select(field => field.Name).ToList();
        if (missing.Count > 0)
        {
            throw SchemaMismatch($"missing {string.Join(", ", missing)}; {expected} (pass each as --field name=value)");
        }

        return [.. schema.Select(field => field.IsText ? ReceiptField.Of(field.Name, values[field.Name]) : ReceiptField.Of(field.Name, Number(field, values[field.Name])))];
    }

    private static ulong Number(MarketField field, string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw SchemaMismatch($"field {field.Name} must be {field.TypeName} of at least 0, not \"{text}\"");

    private static CliException SchemaMismatch(string message) => new(CliErrors.Usage(ReceiptReasons.SchemaMismatch, message));
}
