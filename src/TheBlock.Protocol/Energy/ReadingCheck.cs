namespace TheBlock.Protocol.Energy;

/// <summary>
/// The state-dependent reading checks of spec/energy.md, in order, after the document's own (format, scheme): shared by
/// the block rule, which runs them against the state, and the node's admission, which runs them against the state
/// plus the readings it has already admitted. <paramref name="nowSeconds"/> is the block time (or the node's clock).
/// </summary>
public static class ReadingCheck
{
    /// <summary>The first failing check's reason and sentence, or null when the reading passes.</summary>
    public static (string Reason, string Message)? Run(SignedReading reading, Provider? provider, MeterHead? head, ulong nowSeconds, ulong maxSkewSeconds, bool signatureVerified = false)
    {
        if (provider is null || !signatureVerified)
        {
            var failure = Signature(reading, provider);
            if (failure is not null || provider is null)
            {
                return failure;
            }
        }

        return RunAfterSignature(reading, provider, head, nowSeconds, maxSkewSeconds);
    }

    /// <summary>The key and signature checks alone (<c>key_not_found</c>, <c>verification_failed</c>): what can run in parallel before any state lock.</summary>
    public static (string Reason, string Message)? Signature(SignedReading reading, Provider? provider)
    {
        if (provider is null)
        {
            return (EnergyReasons.KeyNotFound, $"no provider {reading.ProviderId} is registered, so no key verifies its readings");
        }

        return reading.VerifySignature(provider.PublicKey.Span)
            ? null
            : (EnergyReasons.VerificationFailed, $"the signature does not verify with {reading.ProviderId}'s current key (since height {provider.KeySinceHeight})");
    }

    /// <summary>The checks that follow a verified signature; each failure is the provider's own doing.</summary>
    public static (string Reason, string Message)? RunAfterSignature(SignedReading reading, Provider provider, MeterHead? head, ulong nowSeconds, ulong maxSkewSeconds)
    {
        if (provider.Status != ProviderStatus.Active)
        {
            return (EnergyReasons.ProviderInactive, $"provider {reading.ProviderId} is {ProviderStatuses.Name(provider.Status)}, not active");
        }

        if (!provider.HasMeter(reading.Meter))
        {
            return (EnergyReasons.UnknownMeter, $"meter {reading.Meter} is not one of {reading.ProviderId}'s meters");
        }

        var skew = nowSeconds > reading.Timestamp ? nowSeconds - reading.Timestamp : reading.Timestamp - nowSeconds;
        if (skew > maxSkewSeconds)
        {
            return (EnergyReasons.TimestampSkew, $"timestamp {reading.Timestamp} is {skew} s from now ({nowSeconds}); at most {maxSkewSeconds} s is allowed");
        }

        if (head is { } last && reading.Nonce <= last.Nonce)
        {
            return (EnergyReasons.NonceReplay, $"nonce {reading.Nonce} is not greater than {last.Nonce}, the last accepted for {reading.ProviderId}/{reading.Meter}");
        }

        if (head is { } previous && (reading.TotalKwh < previous.TotalKwh || reading.Timestamp <= previous.Timestamp))
        {
            return (EnergyReasons.StaleReading, reading.TotalKwh < previous.TotalKwh
                ? $"total_kwh {reading.TotalKwh} is below the last accepted {previous.TotalKwh}"
                : $"timestamp {reading.Timestamp} is not after the last accepted {previous.Timestamp}");
        }

        return null;
    }
}
