namespace TheBlock.Protocol.Energy;

/// <summary>
/// Why a meter reading is refused, in the order the checks run (spec/energy.md): each is counted, logged and answered
/// to the submitter under exactly this string.
/// </summary>
public static class EnergyReasons
{
    public const string InvalidFormat = "invalid_format";
    public const string SchemeUnsupported = "scheme_unsupported";
    public const string KeyNotFound = "key_not_found";
    public const string VerificationFailed = "verification_failed";
    public const string ProviderInactive = "provider_inactive";
    public const string UnknownMeter = "unknown_meter";
    public const string TimestampSkew = "timestamp_skew";
    public const string NonceReplay = "nonce_replay";
    public const string StaleReading = "stale_reading";

    /// <summary>The reading checks' reasons, in check order.</summary>
    public static IReadOnlyList<string> Reading { get; } =
        [InvalidFormat, SchemeUnsupported, KeyNotFound, VerificationFailed, ProviderInactive, UnknownMeter, TimestampSkew, NonceReplay, StaleReading];

    /// <summary>The first four: the signature-verification failures (<c>energy_signature_verification_failures_total{reason}</c>).</summary>
    public static IReadOnlyList<string> SignatureVerification { get; } = [InvalidFormat, SchemeUnsupported, KeyNotFound, VerificationFailed];
}
