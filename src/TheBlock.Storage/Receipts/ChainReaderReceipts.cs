using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;
using TheBlock.Storage.Receipts;

namespace TheBlock.Storage;

/// <summary>
/// The receipts index as stored: rows by id, newest-first pages with keyset paging, per-market totals, and the rows of
/// a block range; and each row rebuilt into its full receipt from the block that holds it.
/// </summary>
public sealed partial class ChainReader
{
    /// <summary>The receipt with id <paramref name="id"/>, rebuilt from its block and compared whole; null if no block holds it.</summary>
    public IndexedReceipt? GetReceipt(Hash32 id) =>
        Rebuild(ReceiptCandidates([id])[id]).FirstOrDefault(found => found.Receipt?.ReceiptId == id);

    /// <summary>
    /// For each id, the stored rows under its key and the neighbouring keys a collision would have moved it to. Cheap (no
    /// block is read): a caller compares the row's fields, or rebuilds it to compare the whole id.
    /// </summary>
    public IReadOnlyDictionary<Hash32, IReadOnlyList<ReceiptRow>> ReceiptCandidates(IEnumerable<Hash32> ids)
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ReceiptRow.Columns} FROM {ReceiptRow.From} WHERE r.id_key = $key";
        var key = command.Parameters.Add("$key", SqliteType.Integer);
        var found = new Dictionary<Hash32, IReadOnlyList<ReceiptRow>>();
        foreach (var id in ids.Distinct())
        {
            var rows = new List<ReceiptRow>(1);
            var probe = ReceiptKey.Of(id);
            for (var i = 0; i < ReceiptKey.MaxProbes; i++, probe = ReceiptKey.Next(probe))
            {
                key.Value = probe;
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    break;
                }

                rows.Add(ReceiptRow.Read(reader));
            }

            found[id] = rows;
        }

        return found;
    }

    /// <summary>
    /// Receipts newest first, of <paramref name="market"/> and <paramref name="providerId"/> when given, in blocks from
    /// <paramref name="fromBlock"/> on, below sequence <paramref name="beforeSequence"/> (the previous page's cursor).
    /// </summary>
    public ReceiptPage ListReceipts(string? market, string? providerId, ulong? fromBlock, ulong? beforeSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        var filters = new List<string>(4);
        var rows = new List<ReceiptRow>(Math.Min(limit, 256));
        var more = false;
        using (var connection = Open())
        using (var snapshot = connection.BeginTransaction(deferred: true))
        using (var command = connection.CreateCommand())
        {
            if (market is not null && providerId is null)
            {
                filters.Add("r.market = (SELECT code FROM receipt_markets WHERE name = $market)");
                command.Parameters.AddWithValue("$market", market);
            }

            if (providerId is not null)
            {
                filters.Add(market is null
                    ? "r.provider IN (SELECT code FROM receipt_providers WHERE provider_id = $provider)"
                    : "r.provider = (SELECT p2.code FROM receipt_providers p2 JOIN receipt_markets m2 ON m2.code = p2.market WHERE m2.name = $market AND p2.provider_id = $provider)");
                command.Parameters.AddWithValue("$provider", providerId);
                if (market is not null)
                {
                    command.Parameters.AddWithValue("$market", market);
                }
            }

            if (fromBlock is { } from)
            {
                filters.Add("r.seq >= (SELECT first_seq FROM receipt_blocks WHERE height >= $from ORDER BY height LIMIT 1)");
                command.Parameters.AddWithValue("$from", (long)Math.Min(from, long.MaxValue));
            }

            if (beforeSequence is { } before)
            {
                filters.Add("r.seq < $before");
                command.Parameters.AddWithValue("$before", (long)Math.Min(before, long.MaxValue));
            }

            var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
            command.CommandText = $"SELECT {ReceiptRow.Columns} FROM {ReceiptRow.From} {where} ORDER BY r.seq DESC LIMIT $take";
            command.Parameters.AddWithValue("$take", limit + 1);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (rows.Count == limit)
                {
                    more = true;
                    break;
                }

                rows.Add(ReceiptRow.Read(reader));
            }
        }

        return new ReceiptPage(Rebuild(rows), more ? rows[^1].Sequence : null);
    }

    /// <summary>The stored rows of the receipts of blocks <paramref name="from"/> to <paramref name="to"/>, in chain order.</summary>
    public IReadOnlyList<ReceiptRow> ReceiptRowsInBlocks(ulong from, ulong to)
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {ReceiptRow.Columns} FROM {ReceiptRow.From}
            WHERE r.seq >= COALESCE((SELECT first_seq FROM receipt_blocks WHERE height >= $from ORDER BY height LIMIT 1), 9223372036854775807)
              AND r.seq < COALESCE((SELECT first_seq FROM receipt_blocks WHERE height > $to ORDER BY height LIMIT 1), 9223372036854775807)
            ORDER BY r.seq
            """;
        command.Parameters.AddWithValue("$from", (long)Math.Min(from, long.MaxValue));
        command.Parameters.AddWithValue("$to", (long)Math.Min(to, long.MaxValue));
        var rows = new List<ReceiptRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(ReceiptRow.Read(reader));
        }

        return rows;
    }

    /// <summary>
    /// Each market's kept totals, what blocks above <paramref name="head"/> − <paramref name="recentBlocks"/> emitted,
    /// and how many providers had a receipt in a block above <paramref name="head"/> − <paramref name="activeBlocks"/>:
    /// every number from the small tables, so stats take the same time at any receipt count.
    /// </summary>
    public IReadOnlyList<MarketReceiptTotals> ReadReceiptTotals(ulong head, ulong recentBlocks, ulong activeBlocks)
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.name, m.emitted_total, m.last_height, m.last_at,
                (SELECT COALESCE(SUM(b.count), 0) FROM receipt_blocks b WHERE b.height > $recent AND b.market = m.code),
                (SELECT COUNT(*) FROM receipt_providers p WHERE p.market = m.code AND p.last_height > $active)
            FROM receipt_markets m ORDER BY m.code
            """;
        command.Parameters.AddWithValue("$recent", Below(head, recentBlocks));
        command.Parameters.AddWithValue("$active", Below(head, activeBlocks));
        var totals = new List<MarketReceiptTotals>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            totals.Add(new MarketReceiptTotals(
                reader.GetString(0),
                (ulong)reader.GetInt64(1),
                (ulong)reader.GetInt64(4),
                reader.IsDBNull(2) ? null : (ulong)reader.GetInt64(2),
                reader.IsDBNull(3) ? null : (ulong)reader.GetInt64(3),
                (ulong)reader.GetInt64(5)));
        }

        return totals;
    }

    /// <summary>The height below the last <paramref name="blocks"/> blocks up to <paramref name="head"/>; −1 when they reach back to genesis.</summary>
    private static long Below(ulong head, ulong blocks) => head >= blocks ? (long)Math.Min(head - blocks, long.MaxValue) : -1;

    /// <summary>
    /// Rebuilds each row's receipt from the block at its height (read once per block), at its position among the block's
    /// receipts. The receipt is null when the block holds none there; a caller that needs the very receipt compares ids.
    /// </summary>
    public IReadOnlyList<IndexedReceipt> Rebuild(IReadOnlyList<ReceiptRow> rows)
    {
        var blocks = new Dictionary<ulong, List<(Protocol.Modules.ServiceReceipt Receipt, int? TransactionIndex)>>();
        var rebuilt = new List<IndexedReceipt>(rows.Count);
        foreach (var row in rows)
        {
            if (!blocks.TryGetValue(row.Height, out var receipts))
            {
                receipts = blocks[row.Height] = GetBlock(row.Height) is { } stored
                    ? [.. BlockReceipts.Of(stored.Block, ReadEvents(row.Height))]
                    : [];
            }

            rebuilt.Add(row.Ordinal >= 0 && row.Ordinal < receipts.Count
                ? new IndexedReceipt(row, receipts[row.Ordinal].Receipt, receipts[row.Ordinal].TransactionIndex)
                : new IndexedReceipt(row, null, null));
        }

        return rebuilt;
    }
}
