namespace TheBlock.Client.Receipts.Emitter;

/// <summary>
/// What one emitter cleared: the receipt ids and provider nonces of its duplicate-detection window and the last height
/// it had checked on chain. The answer of the emitter's <c>POST /admin/reset-validation-state</c>, which the node calls
/// with the emitter token.
/// </summary>
public sealed record ValidationStateCleared(ulong ReceiptIds, ulong ProviderNonces, ulong? LastCheckedHeight);

/// <summary>Result of <c>receipts.reset_validation_state</c>: each emitter that synced recently, cleared or unreachable.</summary>
public sealed record ValidationStateReset(IReadOnlyList<EmitterReset> Emitters);

/// <summary>One emitter's part of a reset: <c>cleared</c> with what it cleared, or <c>unreachable</c> with why.</summary>
public sealed record EmitterReset(string EmitterId, string Url, string Status, ValidationStateCleared? Cleared, string? Message)
{
    public const string ClearedStatus = "cleared";
    public const string Unreachable = "unreachable";
}
