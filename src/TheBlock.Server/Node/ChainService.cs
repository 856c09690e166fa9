using Microsoft.Data.Sqlite;
using TheBlock.Client;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>
/// The node's chain: the database, the committed state, the mempool and the validator key. Produces blocks and
/// admits transactions under one lock, which the block commit's write and fsync do not hold; publishes an immutable
/// <see cref="ChainHead"/> and the mempool count after each change for lock-free status reads and scrapes.
/// </summary>
public sealed partial class ChainService : IDisposable
{
    private readonly ChainDatabase _database;
    private readonly ChainState _state;
    private readonly SigningKey _validatorKey;
    private readonly Mempool _mempool;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _log;
    private readonly bool _verifyConservationEveryBlock;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Lock _producing = new();
    private ChainHead _head;
    private int _mempoolCount;

    private ChainService(ChainDatabase database, ChainState state, SigningKey validatorKey, Hash32 genesisHash, NodeOptions options, NodeMetrics metrics, ILoggerFactory loggers, TimeProvider time)
    {
        _database = database;
        _state = state;
        _validatorKey = validatorKey;
        _metrics = metrics;
        _time = time;
        _log = loggers.CreateLogger("chain");
        _verifyConservationEveryBlock = options.VerifyConservationEveryBlock;
        _mempool = new Mempool(options.MempoolCapacity);
        Faults = new FaultInjection(options.AllowFaultInjection);
        GenesisHash = genesisHash;
        BlockInterval = TimeSpan.FromMilliseconds(options.BlockIntervalMs ?? state.Parameters.BlockIntervalMs);
        Rejections = new RecentRejections(10_000);
        _head = HeadOf(state);
        metrics.OnHead(_head);
    }

    public Genesis Genesis => _state.Genesis;

    public Hash32 GenesisHash { get; }

    public TimeSpan BlockInterval { get; }

    public ChainHead Head => Volatile.Read(ref _head);

    public ChainReader Reader => _database.Reader;

    public RecentRejections Rejections { get; }

    public Address ValidatorAddress => _validatorKey.Address;

    /// <summary>Transactions waiting for a block, as of the last change to the mempool; read without the chain lock.</summary>
    public int MempoolCount => Volatile.Read(ref _mempoolCount);

    /// <summary>
    /// Opens the node's chain and proves its stored state (see <see cref="ChainDatabase.LoadState"/>).
    /// Refuses a validator key that is not one of the genesis validators.
    /// </summary>
    public static ChainService Open(NodeOptions options, NodeMetrics metrics, ILoggerFactory loggers, TimeProvider time)
    {
        var databasePath = NodeDataDirectory.DatabasePath(options.DataDir);
        if (!File.Exists(databasePath))
        {
            throw new StartupException($"no chain in {options.DataDir}: run `the-block init --data-dir {options.DataDir} --genesis FILE` or `the-block devnet`");
        }

        var log = loggers.CreateLogger("chain");
        var database = ChainDatabase.Open(databasePath, failure => ReportIndexFailure(failure, metrics, log), time: time);
        try
        {
            if (!database.IsInitialized)
            {
                throw new StartupException($"{databasePath} has no genesis: run `the-block init` first");
            }

            var genesisJson = database.GenesisJson;
            var genesis = GenesisFile.Parse(genesisJson);
            var state = database.LoadState(genesis);
            var key = LoadValidatorKey(options.ResolvedValidatorKeyFile, genesis);
            return new ChainService(database, state, key, GenesisFile.Hash(genesisJson), options, metrics, loggers, time);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Admits a signed transaction to the mempool, or says why not. The signature is checked outside the lock.</summary>
    public Rejection? Submit(Transaction transaction) => Submit(transaction, verifySignature: true);

    /// <param name="verifySignature">false only for transactions this node has just signed itself.</param>
    private Rejection? Submit(Transaction transaction, bool verifySignature)
    {
        var rejection = TransactionExecutor.CheckStateless(transaction, Genesis.ChainId, verifySignature);
        if (rejection is null)
        {
            lock (_lock)
            {
                rejection = TransactionExecutor.CheckAgainstState(_state, transaction, (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds())
                    ?? _mempool.Admit(transaction, _state.GetAccount(transaction.Sender));
                PublishMempoolCount();
            }
        }

        if (rejection is null)
        {
            Rejections.Forget(transaction.Hash);
        }
        else
        {
            _metrics.TransactionsRejected.WithLabels(rejection.Reason).Inc();

            // A duplicate is pending (or committed) under this very hash: recorded, the refusal would outlive its commit.
            if (rejection.Reason != RejectionReasons.Duplicate)
            {
                Rejections.Record(transaction.Hash, rejection);
            }
        }

        return rejection;
    }

    public bool IsPending(Hash32 hash)
    {
        lock (_lock)
        {
            return _mempool.Contains(hash);
        }
    }

    /// <summary>The committed account and the nonce its next transaction should carry (pending ones counted).</summary>
    public (Account Account, ulong NextNonce) GetAccount(Address address)
    {
        lock (_lock)
        {
            var account = _state.GetAccount(address);
            return (account, _mempool.NextNonce(address, account));
        }
    }

    public TreasuryBalances Treasury
    {
        get
        {
            lock (_lock)
            {
                return _state.Treasury;
            }
        }
    }

    /// <summary>The modules this chain runs.</summary>
    public ChainModules Modules => _state.Modules;

    /// <summary>What a module's system account holds, per sub-ledger.</summary>
    public TreasuryBalances SystemBalance(string account)
    {
        lock (_lock)
        {
            return new TreasuryBalances(
                _state.SystemBalance(new SystemBalanceKey(account, SubLedger.Ct)),
                _state.SystemBalance(new SystemBalanceKey(account, SubLedger.It)));
        }
    }

    /// <summary>
    /// Builds the next block from the mempool, commits it durably, and only then moves the in-memory state and the
    /// head forward. A storage failure leaves everything as it was; the next tick retries.
    /// The chain lock is held to propose and to apply, not across the commit's write and fsync: nothing but this method
    /// changes the state (<see cref="_producing"/> keeps it to one caller), so reads and admissions meanwhile see the
    /// previous block, consistently, and never wait on the disk.
    /// </summary>
    public BlockEffects? ProduceBlock()
    {
        lock (_producing)
        {
            var started = _time.GetTimestamp();
            ProposedBlock proposal;
            lock (_lock)
            {
                var candidates = Faults.InclusionStopped ? [] : _mempool.Candidates(_state.Parameters.MaxBlockTransactions);
                try
                {
                    proposal = BlockExecutor.Propose(_state, candidates, (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds(), _validatorKey);
                }
                catch (BlockRejectedException ex)
                {
                    // The protocol refused the block itself (its reward would overflow the supply): nothing is written,
                    // the node keeps serving, and the refusal is counted and logged with its reason every tick it lasts.
                    _metrics.BlocksRefused.WithLabels(ex.Rejection.Reason).Inc();
                    _log.LogError("BlockRefused height={Height} reason={Reason} error={Error}", _state.Height + 1, ex.Rejection.Reason, ex.Rejection.Message);
                    return null;
                }
            }

            if (!TryCommit(proposal))
            {
                return null;
            }

            ChainHead head;
            lock (_lock)
            {
                _state.Commit(proposal.Effects);
                if (_verifyConservationEveryBlock)
                {
                    _state.VerifyConservation();
                }

                foreach (var transaction in proposal.Block.Transactions)
                {
                    _mempool.Remove(transaction);
                }

                foreach (var (transaction, rejection) in proposal.Dropped)
                {
                    DropFromMempool(transaction, rejection);
                }

                head = HeadOf(_state);
                Volatile.Write(ref _head, head);
                PublishMempoolCount();
                BlockCommitted?.Invoke(new CommittedBlock(proposal.Effects, _state));
            }

            _metrics.OnHead(head);
            _metrics.TransactionsCommitted.Inc(proposal.Block.Transactions.Count);
            var elapsed = _time.GetElapsedTime(started);
            _metrics.BlockProduction.Observe(elapsed.TotalSeconds);
            _log.LogInformation(
                "BlockCommitted height={Height} txs={Txs} dropped={Dropped} hash={Hash} state_root={StateRoot} ms={Ms}",
                head.Height, proposal.Block.Transactions.Count, proposal.Dropped.Count, head.Hash, head.StateRoot, Math.Round(elapsed.TotalMilliseconds, 2));
            return proposal.Effects;
        }
    }

    public void Dispose()
    {
        Faults.Dispose();
        _database.Dispose();
        _validatorKey.Dispose();
    }

    private void DropFromMempool(Transaction transaction, Rejection rejection)
    {
        // An earlier drop in this block already removed it, or re-signed it, with its sender's later transactions.
        if (!_mempool.Contains(transaction.Hash))
        {
            return;
        }

        if (transaction.Sender == ValidatorAddress)
        {
            DropOwnTransaction(transaction, rejection);
            return;
        }

        foreach (var removed in _mempool.RemoveFrom(transaction.Sender, transaction.Nonce))
        {
            var why = removed == transaction
                ? rejection
                : new Rejection(RejectionReasons.NonceGap, $"dropped because transaction {transaction.Hash} of the same sender was rejected: {rejection.Message}");
            Rejections.Record(removed.Hash, why);
            _metrics.TransactionsRejected.WithLabels(why.Reason).Inc();
            _log.LogInformation("TransactionDropped tx_hash={TxHash} reason={Reason}", removed.Hash, why.Reason);
        }
    }

    /// <summary>Writes the proposed block durably, outside the chain lock; false (logged, counted) when storage failed.</summary>
    private bool TryCommit(ProposedBlock proposal)
    {
        if (Faults.ProductionFailing)
        {
            throw new InvalidOperationException($"injected block production failure at height {proposal.Block.Height} (debug.fault.set block_production)");
        }

        try
        {
            if (Faults.StorageFailing)
            {
                throw new SqliteException("injected storage failure (debug.fault.set storage)", 10);
            }

            _database.CommitBlock(proposal.Effects);
        }
        catch (SqliteException ex)
        {
            _metrics.BlockCommitFailures.Inc();
            _log.LogError("BlockCommitFailed height={Height} error={Error}", proposal.Block.Height, ex.Message);
            return false;
        }

        if (Faults.CommitHeld)
        {
            // The block is on disk but the commit has not returned: the window in which readers must still see the
            // previous block everywhere (the head, the state, tx.status).
            _log.LogWarning("BlockCommitHeld height={Height} fault={Fault}", proposal.Block.Height, FaultInjection.CommitHold);
            Faults.WaitWhileCommitHeld();
        }

        return true;
    }

    /// <summary>Called under the chain lock whenever the mempool changes, so status reads and scrapes need no lock.</summary>
    private void PublishMempoolCount()
    {
        Volatile.Write(ref _mempoolCount, _mempool.Count);
        _metrics.MempoolTransactions.Set(_mempool.Count);
    }

    private ChainHead HeadOf(ChainState state) =>
        new(state.Height, state.LastBlockHash, state.LastBlockTimeMs, state.StateRoot, state.Epoch, _time.GetUtcNow());

    /// <summary>The indexes are derived data: a failed round is counted and logged, and storage retries it with backoff.</summary>
    private static void ReportIndexFailure(MaintenanceFailure failure, NodeMetrics metrics, ILogger log)
    {
        metrics.IndexFailures.Inc();
        log.LogWarning(
            "IndexRoundFailed consecutive={Consecutive} retry_in_ms={RetryInMs} error={Error}",
            failure.ConsecutiveFailures, (long)failure.RetryIn.TotalMilliseconds, failure.Error.Message);
    }

    private static SigningKey LoadValidatorKey(string path, Genesis genesis)
    {
        byte[] seed;
        try
        {
            seed = KeyFile.Read(path);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new StartupException($"validator key: {ex.Message}");
        }

        var key = SigningKey.FromSeed(seed);
        if (!genesis.Validators.Any(v => v.AsSpan().SequenceEqual(key.PublicKey)))
        {
            key.Dispose();
            throw new StartupException($"validator key {path} ({Address.FromPublicKey(key.PublicKey)}) is not a validator of chain {genesis.ChainId}");
        }

        return key;
    }
}
