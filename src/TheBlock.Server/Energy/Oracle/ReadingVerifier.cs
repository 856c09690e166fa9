using System.Collections.Frozen;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// The oracle's checks of spec/energy.md that need no chain state beyond the synced keys: key, signature, provider
/// active, meter, skew against the oracle's clock. Signatures of a batch are verified in parallel across cores.
/// Nonce and staleness need the chain's meter heads: the node checks those.
/// </summary>
public static class ReadingVerifier
{
    /// <summary>Below this many readings a batch is verified on the calling thread: fanning out costs more than it saves.</summary>
    private const int ParallelThreshold = 8;

    /// <param name="maxParallelism">cores to verify on; -1 (the oracle's) for all of them.</param>
    public static (string Reason, string Message)?[] Verify(
        IReadOnlyList<SignedReading> readings, FrozenDictionary<string, KnownProvider> keys, ulong nowSeconds, ulong maxSkewSeconds, int maxParallelism = -1)
    {
        var results = new (string Reason, string Message)?[readings.Count];
        if (readings.Count < ParallelThreshold)
        {
            for (var i = 0; i < readings.Count; i++)
            {
                results[i] = Check(readings[i], keys, nowSeconds, maxSkewSeconds);
            }
        }
        else
        {
            Parallel.For(0, readings.Count, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, i => results[i] = Check(readings[i], keys, nowSeconds, maxSkewSeconds));
        }

        return results;
    }

    public static (string Reason, string Message)? Check(SignedReading reading, FrozenDictionary<string, KnownProvider> keys, ulong nowSeconds, ulong maxSkewSeconds)
    {
        if (!keys.TryGetValue(reading.ProviderId, out var provider))
        {
            return (EnergyReasons.KeyNotFound, $"no provider {reading.ProviderId} is registered (as of the oracle's last key sync)");
        }

        if (!reading.VerifySignature(provider.PublicKey))
        {
            return (EnergyReasons.VerificationFailed, $"the signature does not verify with {reading.ProviderId}'s current key");
        }

        if (!provider.IsActive)
        {
            return (EnergyReasons.ProviderInactive, $"provider {reading.ProviderId} is {provider.Status}, not active");
        }

        if (!provider.Meters.Contains(reading.Meter))
        {
            return (EnergyReasons.UnknownMeter, $"meter {reading.Meter} is not one of {reading.ProviderId}'s meters");
        }

        var skew = nowSeconds > reading.Timestamp ? nowSeconds - reading.Timestamp : reading.Timestamp - nowSeconds;
        return skew > maxSkewSeconds
            ? (EnergyReasons.TimestampSkew, $"timestamp {reading.Timestamp} is {skew} s from the oracle's clock ({nowSeconds}); at most {maxSkewSeconds} s is allowed")
            : null;
    }
}
