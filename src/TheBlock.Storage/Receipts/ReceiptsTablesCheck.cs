using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Storage.Receipts;

/// <summary>
/// Proves the receipts index against the state at start-up: every market's kept total is its row count, and the
/// storage, compute and ad rows are exactly the receipts the state's agreements say they paid. A mismatch names the
/// market and both numbers.
/// </summary>
internal static class ReceiptsTablesCheck
{
    public static void Verify(SqliteConnection connection, IStateReader state)
    {
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.name, m.emitted_total, (SELECT COUNT(*) FROM receipts r WHERE r.market = m.code) FROM receipt_markets m ORDER BY m.code
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var (market, total, rows) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
                if (total != rows)
                {
                    throw Disagree($"market {market} counts {total} receipts emitted but {rows} are stored");
                }

                counted[market] = rows;
            }
        }

        var stored = ServiceMarkets.Names.Sum(market => counted.GetValueOrDefault(market));
        var paid = state.Agreements().Aggregate(0UL, (sum, agreement) => sum + agreement.Receipts);
        if ((ulong)stored != paid)
        {
            throw Disagree($"{stored} {string.Join("/", ServiceMarkets.Names)} receipts are stored but the state's agreements paid {paid}");
        }
    }

    private static StateCorruptedException Disagree(string detail) => new($"receipts tables disagree with the state: {detail}");
}
