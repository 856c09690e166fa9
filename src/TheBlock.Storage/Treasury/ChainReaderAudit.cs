using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Treasury;
using TheBlock.Protocol.Treasury.Audit;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage;

/// <summary>
/// What the settlement audit reads (spec/treasury.md, "Settlement audit"): the ledger journal block by block in short
/// read snapshots, then, in one last snapshot, the journals committed meanwhile, the disbursement records and the stored
/// treasury and escrow, so the audit ends at one committed block and a block committed meanwhile is either wholly in
/// the audit or not at all.
/// </summary>
public sealed partial class ChainReader
{
    /// <summary>A reader on the database of a stopped node (the offline audit); it never writes to the file.</summary>
    public static ChainReader OpenReadOnly(string databasePath, StorageModules? modules = null)
    {
        if (!File.Exists(databasePath))
        {
            throw new StateCorruptedException($"there is no chain database at {databasePath}");
        }

        return new ChainReader(ChainDatabase.ConnectionString(databasePath, readOnly: true), (modules ?? StandardStorage.Modules).Chain);
    }

    /// <summary>The genesis file's exact bytes, stored with block 0; null before the chain is initialized.</summary>
    public byte[]? ReadGenesisJson()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'genesis'";
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>The journals of blocks <paramref name="fromHeight"/>..<paramref name="toHeight"/>, in height order, decoded one block at a time as enumerated.</summary>
    public IEnumerable<BlockJournal> ReadJournals(ulong fromHeight, ulong toHeight, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        foreach (var journal in ReadJournals(connection, Modules, fromHeight, toHeight, cancellationToken))
        {
            yield return journal;
        }
    }

    /// <summary>Blocks whose journals the audit reads per read snapshot.</summary>
    public const int AuditChunkBlocks = 1024;

    /// <summary>
    /// Audits treasury conservation over epochs <paramref name="fromEpoch"/>..<paramref name="toEpoch"/> (absent: from
    /// genesis, through the head's epoch); a range the chain cannot answer is a problem naming the param. Reads every
    /// journal through the range's last block (below the range only to sum the initial balances), in snapshots of
    /// <paramref name="chunkBlocks"/> blocks: one long snapshot would keep WAL checkpoints from finishing, and the WAL
    /// would grow for as long as the audit runs. Committed journals never change, so the chunks add up to the same
    /// reading. The last snapshot reads the head again, the journals committed meanwhile, the stored state and the
    /// records, so the audit ends exactly at one committed block. <paramref name="betweenChunks"/>, if given, is called
    /// with the last height read after each chunk, while no snapshot is held.
    /// </summary>
    public SettlementAuditOutcome AuditSettlement(
        Genesis genesis,
        ulong? fromEpoch,
        ulong? toEpoch,
        int chunkBlocks = AuditChunkBlocks,
        Action<ulong>? betweenChunks = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBlocks, 1);
        var epochLength = genesis.Parameters.EpochLength;
        if (AuditRange.Resolve(fromEpoch, toEpoch, ReadAuditHead(), epochLength, out var range) is { } problem)
        {
            return new SettlementAuditOutcome(null, problem);
        }

        var auditor = new SettlementAuditor(genesis, range, Modules.TreasuryIncomeKinds);
        var next = auditor.FirstJournalHeight;
        while (next <= range.ToHeight && range.ToHeight - next >= (ulong)chunkBlocks)
        {
            var last = next + (ulong)chunkBlocks - 1;
            using (var connection = Open())
            {
                foreach (var journal in ReadAuditJournals(connection, Modules, next, last, cancellationToken))
                {
                    auditor.Add(journal);
                }
            }

            next = last + 1;
            betweenChunks?.Invoke(last);
        }

        using var final = Open();
        using var snapshot = final.BeginTransaction(deferred: true);
        var head = ReadHead(final);
        if (head > range.HeadHeight)
        {
            // Blocks were committed while the audit read: the range reaches them if the request did.
            if (AuditRange.Resolve(range.FromEpoch, toEpoch, head, epochLength, out var grown) is { } later)
            {
                throw new InvariantViolationException($"a range valid at height {range.HeadHeight} is not at the higher head {head}: {later.Message}");
            }

            auditor.Extend(grown);
            range = grown;
        }

        foreach (var journal in ReadAuditJournals(final, Modules, next, range.ToHeight, cancellationToken))
        {
            auditor.Add(journal);
        }

        StoredBalances? stored = range.EndsAtHead ? ReadStoredBalances(final) : null;
        using var records = new SnapshotDisbursementRecords(final);
        return new SettlementAuditOutcome(auditor.Finish(records, stored), null);
    }

    private ulong ReadAuditHead()
    {
        using var connection = Open();
        return ReadHead(connection);
    }

    private static ulong ReadHead(SqliteConnection connection)
    {
        using var head = connection.CreateCommand();
        head.CommandText = "SELECT MAX(height) FROM blocks";
        return head.ExecuteScalar() is long height
            ? (ulong)height
            : throw new StateCorruptedException("the chain database holds no blocks: there is nothing to audit");
    }

    private static IEnumerable<BlockJournal> ReadJournals(SqliteConnection connection, ChainModules modules, ulong fromHeight, ulong toHeight, CancellationToken cancellationToken)
    {
        if (fromHeight > toHeight)
        {
            yield break;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT height, entries FROM ledger_journal WHERE height BETWEEN $from AND $to ORDER BY height";
        command.Parameters.AddWithValue("$from", checked((long)fromHeight));
        command.Parameters.AddWithValue("$to", checked((long)toHeight));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var height = (ulong)reader.GetInt64(0);
            List<LedgerEntry> entries;
            try
            {
                entries = LedgerJournal.Decode((byte[])reader.GetValue(1), height, modules);
            }
            catch (FormatException ex)
            {
                throw new StateCorruptedException($"the ledger journal of block {height} is malformed: {ex.Message}", ex);
            }

            yield return new BlockJournal(height, entries);
        }
    }

    /// <summary>
    /// The journals as the audit reads them (<see cref="AuditJournalDecoder"/>: every entry checked, only the system
    /// accounts' entries and disbursement credits kept), each blob copied into one reused buffer.
    /// </summary>
    private static IEnumerable<BlockJournal> ReadAuditJournals(SqliteConnection connection, ChainModules modules, ulong fromHeight, ulong toHeight, CancellationToken cancellationToken)
    {
        if (fromHeight > toHeight)
        {
            yield break;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT height, entries FROM ledger_journal WHERE height BETWEEN $from AND $to ORDER BY height";
        command.Parameters.AddWithValue("$from", checked((long)fromHeight));
        command.Parameters.AddWithValue("$to", checked((long)toHeight));
        using var reader = command.ExecuteReader();
        var buffer = new byte[64 * 1024];
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var height = (ulong)reader.GetInt64(0);
            var length = checked((int)reader.GetBytes(1, 0, null, 0, 0));
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            reader.GetBytes(1, 0, buffer, 0, length);
            var entries = new List<LedgerEntry>();
            try
            {
                AuditJournalDecoder.Decode(buffer.AsSpan(0, length), height, modules, entries);
            }
            catch (FormatException ex)
            {
                throw new StateCorruptedException($"the ledger journal of block {height} is malformed: {ex.Message}", ex);
            }

            yield return new BlockJournal(height, entries);
        }
    }

    private static StoredBalances ReadStoredBalances(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT key, value FROM chain_values WHERE key IN ('treasury_ct', 'treasury_it')
            UNION ALL SELECT 'escrow_' || sub_ledger, balance FROM system_balances WHERE account = $escrow
            """;
        command.Parameters.AddWithValue("$escrow", TreasuryModule.EscrowAccount);
        using var reader = command.ExecuteReader();
        var values = new Dictionary<string, ulong>();
        while (reader.Read())
        {
            values[reader.GetString(0)] = (ulong)reader.GetInt64(1);
        }

        return new StoredBalances(
            new TreasuryBalances(values.GetValueOrDefault(ChainValueKeys.TreasuryCt), values.GetValueOrDefault(ChainValueKeys.TreasuryIt)),
            new TreasuryBalances(values.GetValueOrDefault($"escrow_{(int)SubLedger.Ct}"), values.GetValueOrDefault($"escrow_{(int)SubLedger.It}")));
    }

    /// <summary>The disbursement records as of the audit's snapshot, read on its connection.</summary>
    private sealed class SnapshotDisbursementRecords : IDisbursementRecords, IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _byId;

        public SnapshotDisbursementRecords(SqliteConnection connection)
        {
            _connection = connection;
            _byId = connection.CreateCommand();
            _byId.CommandText = "SELECT record FROM disbursements WHERE id = $id";
            _byId.Parameters.Add("$id", SqliteType.Integer);
        }

        public Disbursement? Get(ulong id)
        {
            if (id > long.MaxValue)
            {
                return null;
            }

            _byId.Parameters[0].Value = (long)id;
            return _byId.ExecuteScalar() is byte[] record ? Decode(record) : null;
        }

        /// <summary>The records do not index the payout height, so this reads them all: one small row per disbursement, far fewer than ledger entries.</summary>
        public IEnumerable<Disbursement> ExecutedBetween(ulong fromHeight, ulong toHeight)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT record FROM disbursements WHERE state IN ('executed', 'finalized', 'rolled_back') ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var disbursement = Decode((byte[])reader.GetValue(0));
                if (disbursement.ExecutedHeight is { } height && height >= fromHeight && height <= toHeight)
                {
                    yield return disbursement;
                }
            }
        }

        public void Dispose() => _byId.Dispose();

        private static Disbursement Decode(byte[] record)
        {
            try
            {
                return Disbursement.Decode(record);
            }
            catch (FormatException ex)
            {
                throw new StateCorruptedException($"a stored disbursement record is malformed: {ex.Message}", ex);
            }
        }
    }
}
