using System.Text.Json;
using TheBlock.Protocol.Energy;

namespace TheBlock.Client.Energy;

/// <summary>
/// Reads a signed meter reading from its JSON form (spec/energy.md): <c>{"provider_id", "meter", "total_kwh",
/// "timestamp", "nonce", "signature", "scheme"?}</c>. These are the first two checks of the reading table, the ones
/// that need nothing but the document: its shape, types, base64 and lengths (<c>invalid_format</c>), then the scheme
/// (<c>scheme_unsupported</c>). Unknown fields are refused, so a typo never passes as a missing optional field.
/// </summary>
public static class ReadingDocument
{
    /// <summary>The longest provider id or meter id accepted, in UTF-8 bytes.</summary>
    public const int MaxIdBytes = EnergyLimits.MaxIdBytes;

    private static readonly string[] Fields = ["provider_id", "meter", "total_kwh", "timestamp", "nonce", "signature", "scheme"];

    public static ReadingParse Read(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            return Refused(EnergyReasons.InvalidFormat, $"a reading is a JSON object, not {document.ValueKind.ToString().ToLowerInvariant()}");
        }

        foreach (var property in document.EnumerateObject())
        {
            if (!Fields.Contains(property.Name))
            {
                return Refused(EnergyReasons.InvalidFormat, $"unknown field \"{property.Name}\"; a reading has {string.Join(", ", Fields)}");
            }
        }

        if (Id(document, "provider_id", out var providerId) is { } badProvider)
        {
            return badProvider;
        }

        if (Id(document, "meter", out var meter) is { } badMeter)
        {
            return badMeter;
        }

        if (Number(document, "total_kwh", out var totalKwh) is { } badTotal)
        {
            return badTotal;
        }

        if (Number(document, "timestamp", out var timestamp) is { } badTimestamp)
        {
            return badTimestamp;
        }

        if (Number(document, "nonce", out var nonce) is { } badNonce)
        {
            return badNonce;
        }

        if (!document.TryGetProperty("signature", out var signatureText) || signatureText.ValueKind != JsonValueKind.String)
        {
            return Refused(EnergyReasons.InvalidFormat, "signature must be a base64 string");
        }

        if (Signature(signatureText.GetString()!, out var signature) is { } badSignature)
        {
            return badSignature;
        }

        if (document.TryGetProperty("scheme", out var scheme))
        {
            if (scheme.ValueKind != JsonValueKind.String)
            {
                return Refused(EnergyReasons.InvalidFormat, "scheme must be a string");
            }

            if (scheme.GetString() != SignedReading.Ed25519Scheme)
            {
                return Refused(EnergyReasons.SchemeUnsupported, $"scheme \"{scheme.GetString()}\" is not supported; readings are signed with \"{SignedReading.Ed25519Scheme}\"");
            }
        }

        return new ReadingParse(new SignedReading(providerId, meter, totalKwh, timestamp, nonce, signature), null, null);
    }

    private static ReadingParse? Signature(string text, out byte[] signature)
    {
        signature = [];
        try
        {
            signature = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Refused(EnergyReasons.InvalidFormat, "signature is not standard base64");
        }

        return signature.Length == Protocol.Crypto.Ed25519.SignatureSize
            ? null
            : Refused(EnergyReasons.InvalidFormat, $"signature is {signature.Length} bytes; an Ed25519 signature is {Protocol.Crypto.Ed25519.SignatureSize}");
    }

    private static ReadingParse? Id(JsonElement document, string name, out string value)
    {
        value = string.Empty;
        if (!document.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return Refused(EnergyReasons.InvalidFormat, $"{name} must be a string");
        }

        value = element.GetString()!;
        return EnergyLimits.IdProblem(name, value) is { } problem ? Refused(EnergyReasons.InvalidFormat, problem) : null;
    }

    private static ReadingParse? Number(JsonElement document, string name, out ulong value)
    {
        value = 0;
        return document.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out value)
            ? null
            : Refused(EnergyReasons.InvalidFormat, $"{name} must be a whole number from 0 to {ulong.MaxValue}");
    }

    private static ReadingParse Refused(string reason, string message) => new(null, reason, message);
}

/// <summary>A reading read from JSON, or why it was refused (a reason of <see cref="EnergyReasons"/> and a sentence).</summary>
public sealed record ReadingParse(SignedReading? Reading, string? Reason, string? Message);
