using Microsoft.Data.Sqlite;
using TheBlock.Client;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Consensus;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>
/// The node's chain: the committed state and its head, read by RPC and modules. Three seams do the work: the mempool
/// admission (<see cref="MempoolAdmission"/>), the consensus engine that decides each block
/// (<see cref="IConsensusEngine"/>) and the block store that makes it durable (<see cref="IBlockStore"/>). One chain lock
/// guards the state and the mempool; the block commit's write and fsync do not hold it. Publishes an immutable
/// <see cref="ChainHead"/> and the mempool count after each change for lock-free status reads and scrapes.
/// </summary>
public sealed partial class ChainService : IDisposable
{
    private readonly IBlockStore _store;
    private readonly ChainState _state;
    private readonly SigningKey _validatorKey;
    private readonly IConsensusEngine _consensus;
    private readonly MempoolAdmission _admission;
    private readonly NodeMetrics _metrics;
    private readonly ILogger _log;
    private readonly bool _verifyConservationEveryBlock;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Lock _producing = new();
    private ChainHead _head;

    private ChainService(ChainDatabase database, ChainState state, SigningKey validatorKey, Hash32 genesisHash, NodeOptions options, NodeMetrics metrics, ILoggerFactory loggers, TimeProvider time, IReadOnlyList<IChainDecorator> decorators)
    {
        Reader = database.Reader;
        _state = state;
        _validatorKey = validatorKey;
        _metrics = metrics;
        _time = time;
        _log = loggers.CreateLogger("chain");
        _verifyConservationEveryBlock = options.VerifyConservationEveryBlock;
        _admission = new MempoolAdmission(state, _lock, validatorKey, options.MempoolCapacity, metrics, _log, time);
        _store = decorators.Aggregate<IChainDecorator, IBlockStore>(new DatabaseBlockStore(database), (store, decorator) => decorator.Decorate(store));
        _consensus = decorators.Aggregate<IChainDecorator, IConsensusEngine>(new SingleValidatorConsensus(validatorKey, VerifiedSignatures), (engine, decorator) => decorator.Decorate(engine));
        GenesisHash = genesisHash;
        BlockInterval = TimeSpan.FromMilliseconds(options.BlockIntervalMs ?? state.Parameters.BlockIntervalMs);
        _head = HeadOf(state);
        metrics.OnHead(_head);
    }

    public Genesis Genesis => _state.Genesis;

    /// <summary>Signatures modules verified as they admitted work still waiting for a block; the blocks this node proposes skip them.</summary>
    public VerifiedSignatureMemo VerifiedSignatures { get; } = new();

    public Hash32 GenesisHash { get; }

    public TimeSpan BlockInterval { get; }

    public ChainHead Head => Volatile.Read(ref _head);

    /// <summary>Reads for RPC queries; the module loops read through <see cref="ReadStore"/>, which a storage fault reaches.</summary>
    public ChainReader Reader { get; }

    public RecentRejections Rejections => _admission.Rejections;

    public Address ValidatorAddress => _validatorKey.Address;

    /// <summary>The consensus mode <c>consensus.status</c> reports, from the engine.</summary>
    public string ConsensusMode => _consensus.Mode;

    /// <summary>Transactions waiting for a block, as of the last change to the mempool; read without the chain lock.</summary>
    public int MempoolCount => _admission.Count;

    /// <summary>
    /// Opens the node's chain and proves its stored state (see <see cref="ChainDatabase.LoadState"/>).
    /// Refuses a validator key that is not one of the genesis validators.
    /// </summary>
    /// <param name="decorators">wrap the block store and the consensus engine, in order (fault injection); none in production.</param>
    public static ChainService Open(NodeOptions options, NodeMetrics metrics, ILoggerFactory loggers, TimeProvider time, IEnumerable<IChainDecorator>? decorators = null)
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
            return new ChainService(database, state, key, GenesisFile.Hash(genesisJson), options, metrics, loggers, time, [.. decorators ?? []]);
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Admits a signed transaction to the mempool, or says why not. The signature is checked outside the lock.</summary>
    public Rejection? Submit(Transaction transaction) => _admission.Submit(transaction);

    public bool IsPending(Hash32 hash) => _admission.IsPending(hash);

    /// <summary>The committed account and the nonce its next transaction should carry (pending ones counted).</summary>
    public (Account Account, ulong NextNonce) GetAccount(Address address)
    {
        lock (_lock)
        {
            var account = _state.GetAccount(address);
            return (account, _admission.NextNonce(address, account));
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

    /// <summary>Reads the stored chain through the block store, so a storage fault reaches the module loops' reads too.</summary>
    public T ReadStore<T>(Func<ChainReader, T> read) => _store.Read(read);

    /// <summary>
    /// Has the consensus engine decide the next block from the mempool, commits it durably, and only then moves the
    /// in-memory state and the head forward. A storage failure leaves everything as it was; the next tick retries.
    /// The chain lock is held to propose and to apply, not across the engine's append nor the commit's write and fsync:
    /// nothing but this method changes the state (<see cref="_producing"/> keeps it to one caller), so reads and
    /// admissions meanwhile see the previous block, consistently, and never wait on the disk.
    /// </summary>
    public BlockEffects? ProduceBlock()
    {
        lock (_producing)
        {
            var started = _time.GetTimestamp();
            ProposedBlock? proposal;
            lock (_lock)
            {
                try
                {
                    proposal = _consensus.Propose(_state, _admission.Candidates(), (ulong)_time.GetUtcNow().ToUnixTimeMilliseconds());
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

            if (proposal is null || !_consensus.Append(proposal) || !TryCommit(proposal))
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

                head = HeadOf(_state);
                Volatile.Write(ref _head, head);
                _admission.Prune(proposal);
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
        _store.Dispose();
        _validatorKey.Dispose();
    }

    /// <summary>Writes the block durably, outside the chain lock; false (logged, counted) when storage failed.</summary>
    private bool TryCommit(ProposedBlock proposal)
    {
        try
        {
            _store.Commit(proposal.Effects);
            return true;
        }
        catch (SqliteException ex)
        {
            _metrics.BlockCommitFailures.Inc();
            _log.LogError("BlockCommitFailed height={Height} error={Error}", proposal.Block.Height, ex.Message);
            return false;
        }
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
