namespace TheBlock.Client.Receipts.Emitter;

/// <summary>Why the receipt-emitter did not take a receipt, beyond the receipt checks themselves (docs/RECEIPTS.md, "The receipt-emitter role").</summary>
public static class EmitterReasons
{
    /// <summary>The request body exceeds the emitter's limit (HTTP 413).</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>An empty array, or more receipts in one request than the emitter takes (HTTP 413).</summary>
    public const string TooManyReceipts = "too_many_receipts";

    /// <summary>The emitter's durable queue is full (HTTP 503): send again shortly.</summary>
    public const string Busy = "busy";

    /// <summary>The emitter has not synced providers and agreements from the node since it started (HTTP 503).</summary>
    public const string NotSynced = "emitter_not_synced";

    /// <summary>The emitter could not write the receipt to its queue (HTTP 503): it was not accepted.</summary>
    public const string QueueWriteFailed = "queue_write_failed";

    /// <summary>No receipt with this id is known to this emitter (HTTP 404).</summary>
    public const string ReceiptUnknown = "receipt_unknown";

    /// <summary>The admin call did not carry the emitter token (HTTP 401).</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The CLI could not reach the emitter.</summary>
    public const string EmitterUnreachable = "emitter_unreachable";

    public static IReadOnlyList<string> All { get; } = [BodyTooLarge, TooManyReceipts, Busy, NotSynced, QueueWriteFailed, ReceiptUnknown, Unauthorized, EmitterUnreachable];
}
