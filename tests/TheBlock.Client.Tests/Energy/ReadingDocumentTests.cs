using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;

namespace TheBlock.Client.Tests.Energy;

/// <summary>The document checks of a signed reading: shape, types, base64 and lengths, then the scheme.</summary>
public class ReadingDocumentTests
{
    private static readonly string Signature = Convert.ToBase64String(new byte[64]);

    [Fact]
    public void A_well_formed_reading_is_read_with_every_field()
    {
        var parse = Read($$"""{"provider_id":"provider_usa_001","meter":"meter_001","total_kwh":1500000,"timestamp":1700000000,"nonce":12345,"signature":"{{Signature}}","scheme":"ed25519"}""");

        Assert.Null(parse.Reason);
        var reading = parse.Reading!;
        Assert.Equal(("provider_usa_001", "meter_001", 1_500_000UL, 1_700_000_000UL, 12_345UL), (reading.ProviderId, reading.Meter, reading.TotalKwh, reading.Timestamp, reading.Nonce));
        Assert.Equal(64, reading.Signature.Length);
    }

    [Fact]
    public void The_scheme_may_be_left_out()
    {
        Assert.NotNull(Read(Valid(without: "scheme")).Reading);
    }

    [Theory]
    [InlineData("[]", "a reading is a JSON object")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"SIG","extra":1}""", "unknown field \"extra\"")]
    [InlineData("""{"meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"SIG"}""", "provider_id must be a string")]
    [InlineData("""{"provider_id":"","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"SIG"}""", "provider_id must be 1 to 128 bytes")]
    [InlineData("""{"provider_id":"p","meter":7,"total_kwh":1,"timestamp":1,"nonce":1,"signature":"SIG"}""", "meter must be a string")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":-1,"timestamp":1,"nonce":1,"signature":"SIG"}""", "total_kwh must be a whole number")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1.5,"timestamp":1,"nonce":1,"signature":"SIG"}""", "total_kwh must be a whole number")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":"1","nonce":1,"signature":"SIG"}""", "timestamp must be a whole number")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":18446744073709551616,"signature":"SIG"}""", "nonce must be a whole number")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"not base64!"}""", "signature is not standard base64")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"AAAA"}""", "signature is 3 bytes")]
    [InlineData("""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"SIG","scheme":1}""", "scheme must be a string")]
    public void Bad_documents_are_invalid_format_with_a_sentence_naming_the_field(string json, string message)
    {
        var parse = Read(json.Replace("SIG", Signature, StringComparison.Ordinal));

        Assert.Null(parse.Reading);
        Assert.Equal(EnergyReasons.InvalidFormat, parse.Reason);
        Assert.Contains(message, parse.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa")]
    [InlineData("ED25519")]
    [InlineData("")]
    public void Another_scheme_is_scheme_unsupported(string scheme)
    {
        var parse = Read($$"""{"provider_id":"p","meter":"m","total_kwh":1,"timestamp":1,"nonce":1,"signature":"{{Signature}}","scheme":"{{scheme}}"}""");

        Assert.Equal(EnergyReasons.SchemeUnsupported, parse.Reason);
        Assert.Contains($"scheme \"{scheme}\" is not supported", parse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_reasons_are_the_specs_in_check_order()
    {
        Assert.Equal(
            ["invalid_format", "scheme_unsupported", "key_not_found", "verification_failed", "provider_inactive", "unknown_meter", "timestamp_skew", "nonce_replay", "stale_reading"],
            EnergyReasons.Reading);
        Assert.Equal(EnergyReasons.Reading.Take(4), EnergyReasons.SignatureVerification);
    }

    private static string Valid(string without)
    {
        var fields = new Dictionary<string, object>
        {
            ["provider_id"] = "p",
            ["meter"] = "m",
            ["total_kwh"] = 1,
            ["timestamp"] = 1,
            ["nonce"] = 1,
            ["signature"] = Signature,
            ["scheme"] = "ed25519",
        };
        fields.Remove(without);
        return "{" + string.Join(",", fields.Select(pair => $"\"{pair.Key}\":{(pair.Value is string text ? $"\"{text}\"" : pair.Value)}")) + "}";
    }

    private static ReadingParse Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadingDocument.Read(document.RootElement.Clone());
    }
}
