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

    public const string InvalidProvider = "invalid_provider";
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidDispute = "invalid_dispute";
    public const string InvalidBatch = "invalid_batch";
    public const string ProviderExists = "provider_exists";
    public const string ProviderNotFound = "provider_not_found";
    public const string NotProviderOwner = "not_provider_owner";
    public const string StakeBelowMinimum = "stake_below_minimum";
    public const string ProviderUnregistered = "provider_unregistered";
    public const string InsufficientEscrow = "insufficient_escrow";
    public const string CreditNotFound = "credit_not_found";
    public const string CreditNotPending = "credit_not_pending";
    public const string DisputeNotFound = "dispute_not_found";
    public const string DisputeNotOpen = "dispute_not_open";
    public const string NotOfftaker = "not_offtaker";
    public const string NotValidator = "not_validator";

    /// <summary>The reading checks' reasons, in check order.</summary>
    public static IReadOnlyList<string> Reading { get; } =
        [InvalidFormat, SchemeUnsupported, KeyNotFound, VerificationFailed, ProviderInactive, UnknownMeter, TimestampSkew, NonceReplay, StaleReading];

    /// <summary>Why an energy transaction is refused as a whole.</summary>
    public static IReadOnlyList<string> Transaction { get; } =
    [
        InvalidProvider, InvalidAmount, InvalidDispute, InvalidBatch, ProviderExists, ProviderNotFound, NotProviderOwner, StakeBelowMinimum,
        ProviderUnregistered, InsufficientEscrow, CreditNotFound, CreditNotPending, DisputeNotFound, DisputeNotOpen, NotOfftaker, NotValidator,
    ];

    /// <summary>The first four: the signature-verification failures (<c>energy_signature_verification_failures_total{reason}</c>).</summary>
    public static IReadOnlyList<string> SignatureVerification { get; } = [InvalidFormat, SchemeUnsupported, KeyNotFound, VerificationFailed];
}
