using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage;

/// <summary>
/// Prepared statements that write one block's effects inside the caller's transaction: the block, its ledger journal
/// and the state it changed. Lookup indexes are not written here (<see cref="BlockIndexer"/> derives them), so a
/// commit appends a few large rows plus one row per changed account, bound by position from stack buffers
/// (docs/BENCHMARKS.md).
/// </summary>
internal sealed class BlockWriter : IDisposable
{
    private readonly PreparedStatement _insertBlock;
    private readonly PreparedStatement _insertJournal;
    private readonly PreparedStatement _upsertAccount;
    private readonly PreparedStatement _deleteAccount;
    private readonly PreparedStatement _setValue;
    private readonly PreparedStatement _insertDisbursement;
    private readonly PreparedStatement _updateDisbursement;
    private readonly PreparedStatement _setLease;

    public BlockWriter(SqliteConnection connection)
    {
        _insertBlock = new(connection, "INSERT INTO blocks (height, hash, time_ms, tx_count, state_root, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _insertJournal = new(connection, "INSERT INTO ledger_journal (height, entries) VALUES (?1, ?2)");
        _upsertAccount = new(connection, "INSERT INTO accounts (address, balance, nonce) VALUES (?1, ?2, ?3) ON CONFLICT (address) DO UPDATE SET balance = excluded.balance, nonce = excluded.nonce");
        _deleteAccount = new(connection, "DELETE FROM accounts WHERE address = ?1");
        _setValue = new(connection, "INSERT INTO chain_values (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        _insertDisbursement = new(connection, "INSERT INTO disbursements (id, state, amount_ct, amount_it, created_tx, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        _updateDisbursement = new(connection, "UPDATE disbursements SET state = ?2, record = ?3 WHERE id = ?1");
        _setLease = new(connection, "INSERT INTO executor_lease (id, holder, executor, expires_at) VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, executor = excluded.executor, expires_at = excluded.expires_at");
    }

    /// <summary>
    /// Writes the block's rows in <paramref name="transaction"/>, which makes them durable together or not at all.
    /// (The statements run in whatever transaction their connection has open; the parameter keeps that visible.)
    /// </summary>
    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var block = effects.Block;
        var height = checked((long)block.Height);
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Span<byte> root = stackalloc byte[Hash32.Size];
        block.Hash.CopyTo(hash);
        block.Header.StateRoot.CopyTo(root);
        _insertBlock.Bind(1, height);
        _insertBlock.Bind(2, hash);
        _insertBlock.Bind(3, checked((long)block.Header.TimeMs));
        _insertBlock.Bind(4, block.Transactions.Count);
        _insertBlock.Bind(5, root);
        _insertBlock.Bind(6, block.Encode());
        _insertBlock.Execute();

        _insertJournal.Bind(1, height);
        _insertJournal.Bind(2, LedgerJournal.Encode(effects.Entries));
        _insertJournal.Execute();

        WriteAccounts(effects.ChangedAccounts);

        SetValue(ChainValueKeys.TreasuryCt, effects.Treasury.Ct);
        SetValue(ChainValueKeys.TreasuryIt, effects.Treasury.It);
        SetValue(ChainValueKeys.SupplyGenesis, effects.Supply.Genesis);
        SetValue(ChainValueKeys.SupplyMinted, effects.Supply.Minted);
        SetValue(ChainValueKeys.SupplyBurned, effects.Supply.Burned);
        SetValue(ChainValueKeys.EscrowCt, effects.Escrow.Ct);
        SetValue(ChainValueKeys.EscrowIt, effects.Escrow.It);
        SetValue(ChainValueKeys.NextDisbursementId, effects.NextDisbursementId);
        WriteDisbursements(effects.ChangedDisbursements, block.Height);
        if (effects.Lease is { } lease)
        {
            _setLease.Bind(1, lease.Holder);
            _setLease.Bind(2, lease.Executor.ToArray());
            _setLease.Bind(3, checked((long)lease.ExpiresAt));
            _setLease.Execute();
        }
    }

    public void Dispose()
    {
        _insertBlock.Dispose();
        _insertJournal.Dispose();
        _upsertAccount.Dispose();
        _deleteAccount.Dispose();
        _setValue.Dispose();
        _insertDisbursement.Dispose();
        _updateDisbursement.Dispose();
        _setLease.Dispose();
    }

    private void WriteAccounts(IReadOnlyList<KeyValuePair<Address, Account>> changedAccounts)
    {
        Span<byte> address = stackalloc byte[Address.Size];
        foreach (var (key, account) in changedAccounts)
        {
            key.CopyTo(address);
            if (account.IsEmpty)
            {
                _deleteAccount.Bind(1, address);
                _deleteAccount.Execute();
            }
            else
            {
                _upsertAccount.Bind(1, address);
                _upsertAccount.Bind(2, checked((long)account.Balance));
                _upsertAccount.Bind(3, checked((long)account.Nonce));
                _upsertAccount.Execute();
            }
        }
    }

    /// <summary>A disbursement created in this block is inserted (in its newest state); any other one is updated.</summary>
    private void WriteDisbursements(IReadOnlyList<Disbursement> disbursements, ulong height)
    {
        foreach (var disbursement in disbursements)
        {
            var state = DisbursementStates.Name(disbursement.State);
            var record = disbursement.Encode();
            if (disbursement.CreatedHeight == height)
            {
                _insertDisbursement.Bind(1, checked((long)disbursement.Id));
                _insertDisbursement.Bind(2, state);
                _insertDisbursement.Bind(3, checked((long)disbursement.Proposal.AmountCt));
                _insertDisbursement.Bind(4, checked((long)disbursement.Proposal.AmountIt));
                _insertDisbursement.Bind(5, disbursement.CreatedTx.ToArray());
                _insertDisbursement.Bind(6, record);
                _insertDisbursement.Execute();
            }
            else
            {
                _updateDisbursement.Bind(1, checked((long)disbursement.Id));
                _updateDisbursement.Bind(2, state);
                _updateDisbursement.Bind(3, record);
                if (_updateDisbursement.ExecuteCountingChanges() != 1)
                {
                    throw new StateCorruptedException($"disbursement {disbursement.Id} changed in block {height} but has no stored row");
                }
            }
        }
    }

    private void SetValue(string key, ulong value)
    {
        _setValue.Bind(1, key);
        _setValue.Bind(2, checked((long)value));
        _setValue.Execute();
    }
}
