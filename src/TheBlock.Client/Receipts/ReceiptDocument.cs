using System.Text;
using System.Text.Json;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Client.Receipts;

/// <summary>
/// A receipt submission as JSON (docs/RECEIPTS.md, "Submission"): the common fields <c>market, provider_id,
/// agreement_id, units, nonce, created_at, signature</c> and the market's own fields at the top level, e.g.
/// <c>{"market":"storage", …, "contract_id":"c-1", "bytes":1048576, "duration_seconds":3600, "signature":"…"}</c>.
/// Reading it is the <c>schema_mismatch</c> check; a missing or malformed signature reads as an empty one, which the
/// signature check refuses in its turn (<see cref="ReceiptCheck"/>), so the reasons come in the spec's order.
/// </summary>
public static class ReceiptDocument
{
    private static readonly string[] CommonFields = ["market", "provider_id", "agreement_id", "units", "nonce", "created_at", "signature"];

    public static ReceiptParse Read(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            return Refused($"a receipt is a JSON object, not {document.ValueKind.ToString().ToLowerInvariant()}");
        }

        if (!document.TryGetProperty("market", out var marketText) || marketText.ValueKind != JsonValueKind.String
            || !ServiceMarkets.TryParse(marketText.GetString(), out var market))
        {
            return Refused($"market must be one of {string.Join(", ", ServiceMarkets.Names)}");
        }

        var schema = ServiceMarkets.Schema(market.Value);
        foreach (var property in document.EnumerateObject())
        {
            if (!CommonFields.Contains(property.Name) && !schema.Any(field => field.Name == property.Name))
            {
                return Refused($"unknown field \"{property.Name}\"; a {marketText.GetString()} receipt has {string.Join(", ", CommonFields.Concat(schema.Select(f => f.Name)))}");
            }
        }

        if (Text(document, "provider_id", out var providerId) is { } badProvider)
        {
            return badProvider;
        }

        var agreementId = 0UL;
        var units = 0UL;
        var nonce = 0UL;
        var createdAt = 0UL;
        if ((Number(document, "agreement_id", out agreementId)
            ?? Number(document, "units", out units)
            ?? Number(document, "nonce", out nonce)
            ?? Number(document, "created_at", out createdAt)) is { } badNumber)
        {
            return badNumber;
        }

        var fields = new List<ReceiptField>(schema.Count);
        foreach (var field in schema)
        {
            if (field.IsText)
            {
                if (Text(document, field.Name, out var text) is { } badText)
                {
                    return badText;
                }

                fields.Add(ReceiptField.Of(field.Name, text));
            }
            else
            {
                if (Number(document, field.Name, out var number) is { } badField)
                {
                    return badField;
                }

                fields.Add(ReceiptField.Of(field.Name, number));
            }
        }

        var receipt = new MarketReceipt(market.Value, providerId, agreementId, units, nonce, createdAt, fields, Signature(document));
        return receipt.SchemaProblem() is { } problem ? Refused(problem) : new ReceiptParse(receipt, null);
    }

    /// <summary>The submission of <paramref name="receipt"/>, as <c>receipts sign</c> prints it and the emitter reads it.</summary>
    public static void Write(Utf8JsonWriter writer, MarketReceipt receipt)
    {
        writer.WriteStartObject();
        writer.WriteString("market", receipt.MarketName);
        writer.WriteString("provider_id", receipt.ProviderId);
        writer.WriteNumber("agreement_id", receipt.AgreementId);
        writer.WriteNumber("units", receipt.Units);
        writer.WriteNumber("nonce", receipt.Nonce);
        writer.WriteNumber("created_at", receipt.CreatedAt);
        foreach (var field in receipt.Fields)
        {
            if (field.Number is { } number)
            {
                writer.WriteNumber(field.Name, number);
            }
            else
            {
                writer.WriteString(field.Name, field.Text);
            }
        }

        writer.WriteString("signature", Convert.ToBase64String(receipt.Signature.Span));
        writer.WriteEndObject();
    }

    public static string ToJson(MarketReceipt receipt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, receipt);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static byte[] Signature(JsonElement document)
    {
        if (!document.TryGetProperty("signature", out var text) || text.ValueKind != JsonValueKind.String)
        {
            return [];
        }

        var bytes = new byte[Protocol.Crypto.Ed25519.SignatureSize + 3];
        return Convert.TryFromBase64String(text.GetString()!, bytes, out var written) ? bytes[..written] : [];
    }

    private static ReceiptParse? Text(JsonElement document, string name, out string value)
    {
        value = "";
        if (!document.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return Refused($"{name} must be a string");
        }

        value = property.GetString()!;
        return ReceiptsLimits.IdProblem(name, value) is { } problem ? Refused(problem) : null;
    }

    private static ReceiptParse? Number(JsonElement document, string name, out ulong value)
    {
        value = 0;
        return document.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.Number && property.TryGetUInt64(out value)
            ? null
            : Refused($"{name} must be a non-negative integer");
    }

    private static ReceiptParse Refused(string message) => new(null, new Rejection(ReceiptReasons.SchemaMismatch, message));
}

/// <summary>A read receipt, or why it could not be read (always <c>schema_mismatch</c>).</summary>
public sealed record ReceiptParse(MarketReceipt? Receipt, Rejection? Rejection);
