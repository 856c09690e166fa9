namespace TheBlock.Client.Energy.Oracle;

/// <summary>Why the oracle tier did not take a reading, beyond the reading checks themselves (docs/ENERGY.md).</summary>
public static class OracleReasons
{
    /// <summary>The request body exceeds the oracle's limit (HTTP 413).</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>An empty array, or more readings in one request than the oracle takes (HTTP 413).</summary>
    public const string TooManyReadings = "too_many_readings";

    /// <summary>The oracle's queue is full (HTTP 503): send again shortly.</summary>
    public const string Busy = "busy";

    /// <summary>The node did not take the reading within the oracle's ack timeout (HTTP 503): it was not forwarded.</summary>
    public const string NodeUnavailable = "node_unavailable";

    /// <summary>The oracle has not synced the providers' keys from the node since it started (HTTP 503): send again shortly.</summary>
    public const string KeysNotSynced = "keys_not_synced";

    /// <summary>No reading with this tracking id is remembered by this replica (HTTP 404).</summary>
    public const string TrackingIdUnknown = "tracking_id_unknown";

    /// <summary>The node answered fewer verdicts than the readings it was sent.</summary>
    public const string NodeAnswerShort = "node_answer_short";

    /// <summary>The CLI could not reach the oracle.</summary>
    public const string OracleUnreachable = "oracle_unreachable";

    public static IReadOnlyList<string> All { get; } = [BodyTooLarge, TooManyReadings, Busy, NodeUnavailable, KeysNotSynced, TrackingIdUnknown, NodeAnswerShort, OracleUnreachable];
}
