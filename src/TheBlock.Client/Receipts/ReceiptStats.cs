using System.Text.Json.Serialization;

namespace TheBlock.Client.Receipts;

/// <summary>
/// Result of <c>receipts.stats</c> for one market, or for <c>all</c> (then the totals, and each market in
/// <see cref="Markets"/>). <see cref="Pending"/> counts receipts the node admitted that no block holds yet;
/// <see cref="ValidationErrors"/> counts refusals by reason (every reason present): the node's since it started plus what
/// each emitter that synced with it reported refusing since that emitter started;
/// <see cref="ActiveProviders"/> counts providers with a receipt in the last 100 blocks.
/// </summary>
public sealed record ReceiptStats(
    string Market,
    ulong EmittedTotal,
    [property: JsonPropertyName("emitted_last_10_blocks")] ulong EmittedLast10Blocks,
    ulong? LastEmittedHeight,
    ulong? LastEmittedAt,
    ulong Pending,
    IReadOnlyDictionary<string, ulong> ValidationErrors,
    ulong ActiveProviders,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReceiptStats>? Markets);
