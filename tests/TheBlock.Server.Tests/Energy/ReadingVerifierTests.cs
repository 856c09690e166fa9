using System.Collections.Frozen;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Energy.Oracle;
using TheBlock.Testing.Energy;

namespace TheBlock.Server.Tests.Energy;

/// <summary>The oracle's checks (spec/energy.md's table, up to the skew): in order, against its synced keys and clock, alone or in parallel.</summary>
public class ReadingVerifierTests
{
    private const ulong Now = 1_800_000_000;

    private static readonly FrozenDictionary<string, KnownProvider> Keys = new[]
    {
        new KnownProvider("provider_usa_001", EnergyScenario.MeterKey.PublicKey, true, "active", FrozenSet.Create(StringComparer.Ordinal, "meter_001")),
        new KnownProvider("provider_suspended", EnergyScenario.MeterKey.PublicKey, false, "suspended", FrozenSet.Create(StringComparer.Ordinal, "meter_001")),
    }.ToFrozenDictionary(p => p.ProviderId, StringComparer.Ordinal);

    private static SignedReading Reading(string provider = "provider_usa_001", string meter = "meter_001", ulong timestamp = Now, Protocol.Crypto.SigningKey? key = null)
    {
        var message = SignedReading.SigningMessage(provider, meter, 1_500_000, timestamp, 12_345);
        return new SignedReading(provider, meter, 1_500_000, timestamp, 12_345, (key ?? EnergyScenario.MeterKey).Sign(message));
    }

    public static TheoryData<string, string?> Cases => new()
    {
        { "good", null },
        { "unknown provider", EnergyReasons.KeyNotFound },
        { "wrong key", EnergyReasons.VerificationFailed },
        { "suspended provider", EnergyReasons.ProviderInactive },
        { "unknown meter", EnergyReasons.UnknownMeter },
        { "301 s behind", EnergyReasons.TimestampSkew },
        { "301 s ahead", EnergyReasons.TimestampSkew },
        { "300 s behind", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_check_refuses_with_its_reason(string reading, string? reason)
    {
        var signed = reading switch
        {
            "unknown provider" => Reading(provider: "provider_nobody"),
            "wrong key" => Reading(key: EnergyScenario.OtherMeterKey),
            "suspended provider" => Reading(provider: "provider_suspended"),
            "unknown meter" => Reading(meter: "meter_404"),
            "301 s behind" => Reading(timestamp: Now - 301),
            "301 s ahead" => Reading(timestamp: Now + 301),
            "300 s behind" => Reading(timestamp: Now - 300),
            _ => Reading(),
        };

        Assert.Equal(reason, ReadingVerifier.Check(signed, Keys, Now, 300)?.Reason);
    }

    [Fact]
    public void A_forged_signature_is_caught_before_the_providers_status_is_looked_at()
    {
        Assert.Equal(EnergyReasons.VerificationFailed, ReadingVerifier.Check(Reading(provider: "provider_suspended", key: EnergyScenario.OtherMeterKey), Keys, Now, 300)?.Reason);
    }

    [Fact]
    public void A_large_batch_verified_in_parallel_answers_each_reading_in_place()
    {
        var readings = Enumerable.Range(0, 64).Select(i => i % 3 == 0 ? Reading(key: EnergyScenario.OtherMeterKey) : Reading()).ToList();

        var results = ReadingVerifier.Verify(readings, Keys, Now, 300);

        Assert.Equal(
            readings.Select((_, i) => i % 3 == 0 ? EnergyReasons.VerificationFailed : null),
            results.Select(r => r?.Reason));
        Assert.Equal(results.Select(r => r?.Reason), ReadingVerifier.Verify(readings, Keys, Now, 300, maxParallelism: 1).Select(r => r?.Reason));
    }
}
