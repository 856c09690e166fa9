using Microsoft.Data.Sqlite;

namespace TheBlock.Storage.Receipts;

/// <summary>
/// A receipt as the index stores it: where it is (block and position among the block's receipts), what it paid, and
/// the names its market and provider codes stand for. <see cref="Sequence"/> orders receipts in chain order.
/// </summary>
public sealed record ReceiptRow(
    ulong Sequence, long IdKey, string Market, string ProviderId, ulong Height, int Ordinal, ulong Reference, ulong Units, ulong Amount, ulong Fee, ulong CreatedAt)
{
    internal const string Columns = "r.seq, r.id_key, m.name, p.provider_id, r.height, r.ordinal, r.reference, r.units, r.amount, r.fee, r.created_at";

    internal const string From = "receipts r JOIN receipt_markets m ON m.code = r.market JOIN receipt_providers p ON p.code = r.provider";

    internal static ReceiptRow Read(SqliteDataReader reader) => new(
        (ulong)reader.GetInt64(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        (ulong)reader.GetInt64(4),
        reader.GetInt32(5),
        (ulong)reader.GetInt64(6),
        (ulong)reader.GetInt64(7),
        (ulong)reader.GetInt64(8),
        (ulong)reader.GetInt64(9),
        (ulong)reader.GetInt64(10));
}

/// <summary>A stored receipt rebuilt from its block: the row, and the receipt the block holds at that place (null when it holds none, i.e. the index and the block disagree).</summary>
public sealed record IndexedReceipt(ReceiptRow Row, Protocol.Modules.ServiceReceipt? Receipt, int? TransactionIndex);

/// <summary>One page of <c>receipts.list</c>, newest first; <see cref="NextSequence"/> continues it (null on the last page).</summary>
public sealed record ReceiptPage(IReadOnlyList<IndexedReceipt> Items, ulong? NextSequence);

/// <summary>One market's kept totals, and what the recent blocks add: the numbers of <c>receipts.stats</c>.</summary>
public sealed record MarketReceiptTotals(string Market, ulong EmittedTotal, ulong EmittedRecent, ulong? LastHeight, ulong? LastAt, ulong ActiveProviders);
