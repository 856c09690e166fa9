using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>
/// Derives the lookup indexes (<c>transactions</c> by hash, <c>ledger_entries</c> by account) from committed blocks
/// and their journals, one block per transaction, moving <c>index_watermark</c> in that same transaction. A crash
/// loses at most work that is redone from the watermark; readers cover the blocks above it from the block rows
/// (<see cref="ChainReader"/>), so a lookup never depends on how far indexing has got.
/// The connection may run with synchronous=NORMAL: WAL frames are replayed in order, so an index commit lost at power
/// failure takes its watermark with it, and the blocks it indexed were fsync'd by their own commits.
/// </summary>
internal sealed class BlockIndexer : IDisposable
{
    private readonly ChainModules _modules;
    private readonly SqliteConnection _connection;
    private readonly PreparedStatement _insertTransaction;
    private readonly PreparedStatement _insertEntry;
    private readonly PreparedStatement _setWatermark;

    public BlockIndexer(SqliteConnection connection, ChainModules modules)
    {
        _modules = modules;
        _connection = connection;
        _insertTransaction = new(connection, "INSERT INTO transactions (hash, height, idx) VALUES (?1, ?2, ?3)");
        _insertEntry = new(connection, "INSERT INTO ledger_entries (account, height, seq, delta, kind, reference, sub_ledger) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _setWatermark = new(connection, "INSERT INTO index_watermark (id, height) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET height = excluded.height");
    }

    /// <summary>
    /// Indexes the committed blocks above the watermark, oldest first, until none is left or <paramref name="stop"/>
    /// says so; returns how many it indexed.
    /// </summary>
    public int IndexPending(Func<bool> stop)
    {
        var indexed = 0;
        while (!stop() && IndexNext())
        {
            indexed++;
        }

        return indexed;
    }

    public void Dispose()
    {
        _insertTransaction.Dispose();
        _insertEntry.Dispose();
        _setWatermark.Dispose();
    }

    /// <summary>The highest indexed height, or -1 before block 0 is indexed.</summary>
    internal static long ReadWatermark(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT height FROM index_watermark WHERE id = 1";
        return command.ExecuteScalar() is long height ? height : -1;
    }

    private bool IndexNext()
    {
        using var transaction = _connection.BeginTransaction();
        var height = ReadWatermark(_connection, transaction) + 1;
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT b.body, j.entries FROM blocks b JOIN ledger_journal j ON j.height = b.height WHERE b.height = $height";
        command.Parameters.AddWithValue("$height", height);
        byte[] body, journal;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }

            body = (byte[])reader.GetValue(0);
            journal = (byte[])reader.GetValue(1);
        }

        IndexTransactions(Block.Decode(body, _modules), height);
        IndexEntries(LedgerJournal.Decode(journal, (ulong)height, _modules), height);
        _setWatermark.Bind(1, height);
        _setWatermark.Execute();
        transaction.Commit();
        return true;
    }

    /// <summary>In hash order, so consecutive inserts walk the hash-keyed pages front to back.</summary>
    private void IndexTransactions(Block block, long height)
    {
        var order = block.Transactions.Select((transaction, index) => (transaction.Hash, Index: index))
            .OrderBy(t => t.Hash.ToArray(), ByteArrayOrder.Instance);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        foreach (var (transactionHash, index) in order)
        {
            transactionHash.CopyTo(hash);
            _insertTransaction.Bind(1, hash);
            _insertTransaction.Bind(2, height);
            _insertTransaction.Bind(3, index);
            _insertTransaction.Execute();
        }
    }

    /// <summary>In account order, for the same reason; <c>seq</c> is the entry's position in the block's journal.</summary>
    private void IndexEntries(List<LedgerEntry> entries, long height)
    {
        var order = entries.Select((entry, seq) => (Key: entry.Account.ToKey(), Entry: entry, Seq: seq))
            .OrderBy(e => e.Key, ByteArrayOrder.Instance).ThenBy(e => e.Seq);
        foreach (var (key, entry, seq) in order)
        {
            _insertEntry.Bind(1, key);
            _insertEntry.Bind(2, height);
            _insertEntry.Bind(3, seq);
            _insertEntry.Bind(4, entry.Delta);
            _insertEntry.Bind(5, entry.Kind.Name);
            _insertEntry.Bind(6, entry.Reference);
            _insertEntry.Bind(7, entry.SubLedger is { } sub ? SubLedgers.Name(sub) : null);
            _insertEntry.Execute();
        }
    }

    private sealed class ByteArrayOrder : IComparer<byte[]>
    {
        public static readonly ByteArrayOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
