using System.Text.Json;

namespace TheBlock.Client.Energy.Oracle;

/// <summary>
/// Params of <c>energy.readings.submit</c>: who forwards (an oracle id, for its health record) and the readings, an
/// array of reading documents the node reads with the same checks as the oracle, so a faulty oracle gets the same answers.
/// </summary>
public sealed record ReadingBatchParams(string OracleId, JsonElement Readings)
{
    public static ReadingBatchParams Of(string oracleId, IReadOnlyList<ReadingSubmission> readings) =>
        new(oracleId, JsonSerializer.SerializeToElement(readings, EnergyJsonContext.Default.IReadOnlyListReadingSubmission));
}

/// <summary>The node's answer per reading, in the order sent, as of head <see cref="Height"/>.</summary>
public sealed record ReadingBatchResult(ulong Height, IReadOnlyList<ReadingVerdict> Results);

/// <summary>
/// <c>admitted</c>: the reading is in a reading-batch transaction in the node's mempool (<see cref="TxHash"/>);
/// <c>rejected</c>: it failed the check named by <see cref="Reason"/>.
/// </summary>
public sealed record ReadingVerdict(string Status, string? TxHash, string? Reason, string? Message)
{
    public const string Admitted = "admitted";
    public const string Rejected = "rejected";

    public static ReadingVerdict AdmittedIn(string txHash) => new(Admitted, txHash, null, null);

    public static ReadingVerdict RejectedFor(string reason, string message) => new(Rejected, null, reason, message);
}
