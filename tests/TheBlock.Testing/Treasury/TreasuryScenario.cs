using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using Xunit;

namespace TheBlock.Testing;

/// <summary>
/// A deterministic chain for governance and treasury tests, built from <see cref="TestKeys"/>' keys and <see cref="TestGenesis"/>' clock: a
/// council (members 0, 1, 2 with powers 40, 30, 30 by default), an outsider, two executor keys and one validator.
/// Epochs are 10 blocks, blocks are one second apart, so block <c>h</c> has time <see cref="SecondsAt"/>(h) and epoch
/// h / 10 (unless a test asks for another epoch length). Block rewards are off by default, so the treasury moves only by disbursements.
/// </summary>
public sealed class TreasuryScenario
{
    public const ulong EpochLength = 10;
    public const ulong GenesisSeconds = TestGenesis.GenesisTimeMs / 1000;
    public const ulong AccountBalance = TestGenesis.Balance;

    private readonly Dictionary<Address, ulong> _signedForNextBlock = [];
    private readonly Dictionary<ulong, Disbursement> _latest = [];

    private TreasuryScenario(Genesis genesis, Hash32 genesisHash, IReadOnlyList<SigningKey> members, SigningKey outsider, IReadOnlyList<SigningKey> executors, SigningKey validator)
    {
        Genesis = genesis;
        GenesisHash = genesisHash;
        Members = members;
        Outsider = outsider;
        Executors = executors;
        Validator = validator;
        State = TestGenesis.Start(genesis, genesisHash).State;
        Roots.Add(State.StateRoot);
    }

    public Genesis Genesis { get; }

    public Hash32 GenesisHash { get; }

    public IReadOnlyList<SigningKey> Members { get; }

    /// <summary>A funded key that is neither a council member nor an executor.</summary>
    public SigningKey Outsider { get; }

    public IReadOnlyList<SigningKey> Executors { get; }

    public SigningKey Validator { get; }

    public ChainState State { get; }

    public List<Block> Blocks { get; } = [];

    /// <summary>The state root after each height, genesis first.</summary>
    public List<Hash32> Roots { get; } = [];

    public GovernanceParameters Governance => Genesis.Governance;

    /// <summary>Where proposals pay by default: an address nobody holds the key of, with no balance at genesis.</summary>
    public static Address Destination => TestKeys.Stranger(0);

    public static TreasuryScenario Create(
        bool cascadeRollback = true,
        uint quorumPpm = 500_000,
        uint thresholdPpm = 500_000,
        IReadOnlyList<ulong>? powers = null,
        ulong defaultVoteWindowEpochs = 1,
        ulong defaultTimelockEpochs = 1,
        ulong defaultRollbackWindowEpochs = 1,
        ulong maxLeaseTtlSeconds = 600,
        ulong blockReward = 0,
        ulong treasuryCt = 5_000,
        ulong treasuryIt = 7_000,
        ulong epochLength = EpochLength,
        bool validatorIsExecutor = false)
    {
        powers ??= [40, 30, 30];
        var members = Enumerable.Range(0, powers.Count).Select(TestKeys.Key).ToList();
        var outsider = TestKeys.KeyFor("treasury/outsider");
        var executors = new[] { TestKeys.KeyFor("treasury/executor/0"), TestKeys.KeyFor("treasury/executor/1") };
        var validator = TestKeys.KeyFor("validator");
        var governance = new GovernanceParameters(
            [.. members.Select((key, i) => new CouncilMember(key.Address, powers[i]))],
            quorumPpm,
            thresholdPpm,
            cascadeRollback,
            defaultVoteWindowEpochs,
            defaultTimelockEpochs,
            defaultRollbackWindowEpochs,
            [.. executors.Select(e => e.Address), .. validatorIsExecutor ? new[] { validator.Address } : []],
            maxLeaseTtlSeconds);
        var genesis = new Genesis(
            TestGenesis.ChainId,
            TestGenesis.GenesisTimeMs,
            new ChainParameters(blockReward, TreasuryPercent: 20, epochLength, TestGenesis.BlockIntervalMs, MaxBlockTransactions: 1_000),
            [.. members.Append(outsider).Concat(executors).Select(k => new GenesisAllocation(k.Address, AccountBalance))],
            new TreasuryBalances(treasuryCt, treasuryIt),
            [validator.PublicKey],
            governance,
            ModuleParameters.None);
        return new TreasuryScenario(genesis, Hash32.Sha256("TheBlock/test/treasury-genesis"u8), members, outsider, executors, validator);
    }

    /// <summary>The unix seconds of block <paramref name="height"/>'s time.</summary>
    public static ulong SecondsAt(ulong height) => GenesisSeconds + height;

    public static DisbursementProposal Proposal(
        ulong amountCt = 100,
        ulong amountIt = 50,
        IReadOnlyList<ulong>? deps = null,
        ulong scheduledEpoch = 0,
        ulong? voteWindowEpochs = null,
        ulong? timelockEpochs = null,
        ulong? rollbackWindowEpochs = null,
        Address? destination = null,
        string title = "Fund the indexer",
        string summary = "Six months of indexer hosting",
        string memo = "invoice 42",
        IReadOnlyList<ExpectedReceipt>? expectedReceipts = null) =>
        new(title, summary, destination ?? Destination, amountCt, amountIt, memo, scheduledEpoch, expectedReceipts ?? [], deps ?? [],
            voteWindowEpochs, timelockEpochs, rollbackWindowEpochs);

    public ulong Height => State.Height;

    public ulong Epoch => State.Epoch;

    /// <summary>The id the next accepted disbursement gets.</summary>
    public ulong NextId => State.Book.NextId;

    /// <summary>
    /// Signs a transaction with the next nonce of <paramref name="key"/>, counting the ones already signed for the
    /// next block (so several transactions of one sender can share a block, as long as all get in).
    /// </summary>
    public Transaction Sign(SigningKey key, TransactionPayload payload, ulong fee = 0)
    {
        var planned = _signedForNextBlock.GetValueOrDefault(key.Address);
        _signedForNextBlock[key.Address] = planned + 1;
        return Transaction.CreateSigned(TestGenesis.ChainId, key, State.GetAccount(key.Address).Nonce + planned + 1, fee, payload);
    }

    public Transaction Create(int member, DisbursementProposal proposal) => Sign(Members[member], new DisbursementCreatePayload(proposal));

    public Transaction Vote(int member, ulong id, VoteChoice choice) => Sign(Members[member], new VotePayload(id, choice));

    public Transaction Lease(int executor = 0, string? holder = null, ulong ttlSeconds = 600) =>
        Sign(Executors[executor], new ExecutorLeasePayload(holder ?? $"node-{executor}", ttlSeconds));

    public Transaction Payout(int executor, ulong id) => Sign(Executors[executor], new DisbursementPayoutPayload(id));

    public Transaction Rollback(SigningKey key, ulong id, string reason = "operator request") => Sign(key, new DisbursementRollbackPayload(id, reason));

    /// <summary>Proposes the next block from <paramref name="candidates"/> and commits it; checks conservation afterwards.</summary>
    public ProposedBlock Propose(params Transaction[] candidates)
    {
        var proposed = BlockExecutor.Propose(State, candidates, State.LastBlockTimeMs + TestGenesis.BlockIntervalMs, Validator);
        State.Commit(proposed.Effects);
        _signedForNextBlock.Clear();
        Blocks.Add(proposed.Block);
        Roots.Add(State.StateRoot);
        foreach (var disbursement in proposed.Effects.ChangedDisbursements)
        {
            _latest[disbursement.Id] = disbursement;
        }

        State.VerifyConservation();
        return proposed;
    }

    /// <summary>Commits a block in which every one of <paramref name="transactions"/> must be accepted.</summary>
    public ProposedBlock Include(params Transaction[] transactions)
    {
        var proposed = Propose(transactions);
        Assert.True(proposed.Dropped.Count == 0, "dropped: " + string.Join("; ", proposed.Dropped.Select(d => d.Rejection)));
        return proposed;
    }

    /// <summary>Commits a block with <paramref name="transaction"/>, which must be refused; returns why.</summary>
    public Rejection Reject(Transaction transaction)
    {
        var proposed = Propose(transaction);
        Assert.Empty(proposed.Block.Transactions);
        var (dropped, rejection) = Assert.Single(proposed.Dropped);
        Assert.Equal(transaction.Hash, dropped.Hash);
        return rejection;
    }

    public void AdvanceToHeight(ulong height)
    {
        Assert.True(height >= Height, $"cannot advance from height {Height} back to {height}");
        while (Height < height)
        {
            Propose();
        }
    }

    /// <summary>Commits empty blocks up to and including the first block of <paramref name="epoch"/>.</summary>
    public void AdvanceToEpoch(ulong epoch) => AdvanceToHeight(epoch * EpochLength);

    /// <summary>Commits empty blocks until disbursement <paramref name="id"/> is in <paramref name="state"/>.</summary>
    public void AdvanceUntil(ulong id, DisbursementState state, int maxBlocks = 500)
    {
        for (var i = 0; i < maxBlocks && Get(id).State != state; i++)
        {
            Propose();
        }

        Assert.Equal(state, Get(id).State);
    }

    /// <summary>The newest committed version of disbursement <paramref name="id"/> (final ones included).</summary>
    public Disbursement Get(ulong id)
    {
        Assert.True(_latest.TryGetValue(id, out var latest), $"disbursement {id} was never committed");
        if (State.Book.Active.TryGetValue(id, out var active))
        {
            Assert.Same(latest, active);
        }

        Assert.Equal(latest.State, State.Book.StateOf(id));
        return latest;
    }

    /// <summary>Creates a disbursement proposed by member 0; returns its id.</summary>
    public ulong CreateDisbursement(DisbursementProposal? proposal = null)
    {
        var id = NextId;
        Include(Create(0, proposal ?? Proposal()));
        Assert.Equal(DisbursementState.Draft, Get(id).State);
        return id;
    }

    /// <summary>Creates disbursements in one block, all members voting yes on each; returns their ids.</summary>
    public IReadOnlyList<ulong> CreatePassing(params DisbursementProposal[] proposals)
    {
        var first = NextId;
        var ids = Enumerable.Range(0, proposals.Length).Select(i => first + (ulong)i).ToList();
        var transactions = proposals.Select(p => Create(0, p)).ToList();
        foreach (var id in ids)
        {
            transactions.AddRange(Enumerable.Range(0, Members.Count).Select(m => Vote(m, id, VoteChoice.Yes)));
        }

        Include([.. transactions]);
        return ids;
    }

    /// <summary>Creates the proposals (passing) and waits until they are all queued.</summary>
    public IReadOnlyList<ulong> Queue(params DisbursementProposal[] proposals)
    {
        var ids = CreatePassing(proposals);
        foreach (var id in ids)
        {
            AdvanceUntil(id, DisbursementState.Queued);
        }

        return ids;
    }

    public ulong QueueOne(DisbursementProposal? proposal = null) => Queue(proposal ?? Proposal())[0];

    /// <summary>Takes the lease for executor 0 unless it already holds a live one.</summary>
    public void EnsureLease(int executor = 0)
    {
        if (State.Book.Lease is { } lease && lease.IsLiveAt(SecondsAt(Height + 1)) && lease.Executor == Executors[executor].Address)
        {
            return;
        }

        Include(Lease(executor));
    }

    /// <summary>Pays queued disbursements (executor 0) in one block.</summary>
    public ProposedBlock PayQueued(params ulong[] ids)
    {
        EnsureLease();
        return Include([.. ids.Select(id => Payout(0, id))]);
    }

    public ulong ExecuteOne(DisbursementProposal? proposal = null)
    {
        var id = QueueOne(proposal);
        PayQueued(id);
        Assert.Equal(DisbursementState.Executed, Get(id).State);
        return id;
    }

    /// <summary>The ledger entries of a block that carry a disbursement's reference.</summary>
    public static List<LedgerEntry> EntriesOf(ProposedBlock block, ulong id) =>
        [.. block.Effects.Entries.Where(e => e.Reference == Disbursement.Reference(id))];

    public Account AccountOf(Address address) => State.GetAccount(address);

    /// <summary>A second replica from the same genesis applies every block; returns it after checking each root.</summary>
    public ChainState Replay()
    {
        var replica = TestGenesis.Start(Genesis, GenesisHash).State;
        Assert.Equal(Roots[0], replica.StateRoot);
        foreach (var block in Blocks)
        {
            replica.Commit(BlockExecutor.Apply(replica, Block.Decode(block.Encode(), StandardChain.Modules), signaturesVerified: false));
            Assert.Equal(Roots[(int)replica.Height], replica.StateRoot);
            replica.VerifyConservation();
        }

        return replica;
    }
}
