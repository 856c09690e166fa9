using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>
/// Random workloads of governance and treasury transactions (create, vote, lease, payout, rollback) mixed with
/// transfers, valid and invalid, over many blocks and epochs. After every block: the ledger adds up and the escrow
/// identity holds (<see cref="ChainState.VerifyConservation"/>), only the block reward creates CT, the treasury and
/// escrow sub-ledgers match an independent account of what was executed, finalized and rolled back, destinations
/// hold exactly what was finalized to them; and a replica applying the blocks reaches the same root at every height.
/// </summary>
public class TreasuryProperties
{
    private const int Destinations = 2;

    public enum OpKind
    {
        Create,
        Vote,
        Lease,
        Payout,
        Rollback,
        Transfer,

        /// <summary>The natural next step for some active disbursement: a yes vote, a lease renewal, a payout.</summary>
        Progress,
    }

    /// <summary>
    /// One candidate transaction. <see cref="Actor"/>: 0..2 council members, 3 the outsider, 4..5 the executors.
    /// <see cref="Target"/>, <see cref="Variant"/> and <see cref="Small"/> pick ids, amounts and options.
    /// </summary>
    public sealed record OpSpec(OpKind Kind, int Actor, int Target, int Variant, ulong Small)
    {
        public override string ToString() => $"{Kind}(actor {Actor}, target {Target}, variant {Variant}, {Small})";
    }

    public sealed record BlockSpec(IReadOnlyList<OpSpec> Ops, int EmptyBlocksAfter)
    {
        public override string ToString() => $"[{string.Join("; ", Ops)}] +{EmptyBlocksAfter}";
    }

    public sealed record Workload(ulong BlockReward, bool Cascade, ulong TreasuryCt, ulong TreasuryIt, ulong EpochLength, IReadOnlyList<BlockSpec> Blocks)
    {
        public override string ToString() =>
            $"reward {BlockReward}, cascade {Cascade}, treasury {TreasuryCt}/{TreasuryIt}, epoch length {EpochLength}, blocks:\n" +
            string.Join("\n", Blocks.Select((b, i) => $"  {i + 1}: {b}"));
    }

    private static Gen<int> ActorFor(OpKind kind) => kind switch
    {
        OpKind.Progress => Gen.Constant(0),
        OpKind.Create or OpKind.Vote => Gen.Frequency((8, Gen.Choose(0, 2)), (1, Gen.Choose(3, 5))),
        OpKind.Lease or OpKind.Payout => Gen.Frequency((8, Gen.Choose(4, 5)), (1, Gen.Choose(0, 3))),
        _ => Gen.Choose(0, 5),
    };

    private static Gen<OpSpec> OpGen() =>
        from kind in Gen.Frequency(
            (4, Gen.Constant(OpKind.Create)),
            (14, Gen.Constant(OpKind.Vote)),
            (3, Gen.Constant(OpKind.Lease)),
            (5, Gen.Constant(OpKind.Payout)),
            (2, Gen.Constant(OpKind.Rollback)),
            (2, Gen.Constant(OpKind.Transfer)),
            (14, Gen.Constant(OpKind.Progress)))
        from actor in ActorFor(kind)
        from target in Gen.Choose(0, 1_000)
        from variant in Gen.Choose(0, 1_000)
        from small in Gen.Choose(1, 3_000)
        select new OpSpec(kind, actor, target, variant, (ulong)small);

    private static Gen<Workload> WorkloadGen() =>
        from reward in Gen.Elements(0UL, 100UL, 1_000UL)
        from cascade in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
        from treasuryCt in Gen.Frequency((1, Gen.Constant(0UL)), (3, Gen.Constant(2_000UL)), (3, Gen.Constant(50_000UL)))
        from treasuryIt in Gen.Frequency((1, Gen.Constant(0UL)), (3, Gen.Constant(3_000UL)), (3, Gen.Constant(50_000UL)))
        from epochLength in Gen.Elements(1UL, 3UL, 5UL, 10UL)
        from blockCount in Gen.Choose(1, 24)
        from blocks in (
            from size in Gen.Choose(0, 8)
            from ops in OpGen().ListOf(size)
            from gap in Gen.Frequency((6, Gen.Constant(0)), (3, Gen.Choose(1, 4)), (1, Gen.Choose(5, 15)))
            select new BlockSpec([.. ops], gap)).ListOf(blockCount)
        select new Workload(reward, cascade, treasuryCt, treasuryIt, epochLength, [.. blocks]);

    [Property(MaxTest = 200)]
    public Property Random_governance_workloads_conserve_CT_keep_the_escrow_identity_and_replay_to_the_same_roots() =>
        Prop.ForAll(Arb.From(WorkloadGen()), workload =>
        {
            Run(workload);
            return true;
        });

    private static readonly string[] AllowedRejections =
        [.. TreasuryReasons.All, RejectionReasons.NonceGap, RejectionReasons.NonceReplay, RejectionReasons.InsufficientBalance];

    private static void Run(Workload workload)
    {
        var scenario = TreasuryScenario.Create(
            cascadeRollback: workload.Cascade, blockReward: workload.BlockReward, treasuryCt: workload.TreasuryCt, treasuryIt: workload.TreasuryIt, epochLength: workload.EpochLength);
        var genesisSupply = scenario.State.Supply.Genesis;
        var accrual = BlockRewards.TreasuryShare(scenario.Genesis.Parameters);
        var heldBefore = Held(scenario.State);

        foreach (var spec in workload.Blocks)
        {
            var proposed = scenario.Propose([.. Materialize(scenario, spec.Ops)]);
            Assert.All(proposed.Dropped, d => Assert.Contains(d.Rejection.Reason, AllowedRejections));
            Check(scenario, workload, genesisSupply, accrual, ref heldBefore);
            for (var i = 0; i < spec.EmptyBlocksAfter; i++)
            {
                scenario.Propose();
                Check(scenario, workload, genesisSupply, accrual, ref heldBefore);
            }
        }

        scenario.Replay();
    }

    private static void Check(TreasuryScenario scenario, Workload workload, ulong genesisSupply, ulong accrual, ref UInt128 heldBefore)
    {
        var state = scenario.State;

        // Conservation and the escrow identity, by the code under test (Propose already ran it) and independently.
        state.VerifyConservation();
        var held = Held(state);
        Assert.Equal((UInt128)state.Supply.Expected, held);
        Assert.Equal(heldBefore + workload.BlockReward, held);
        Assert.Equal(genesisSupply, state.Supply.Genesis);
        Assert.Equal(state.Height * workload.BlockReward, state.Supply.Minted);
        Assert.Equal(0UL, state.Supply.Burned);
        heldBefore = held;

        // Every disbursement as of now, final ones included; the book holds exactly the non-final ones.
        var all = Enumerable.Range(1, (int)state.Book.NextId - 1).Select(i => scenario.Get((ulong)i)).ToList();
        Assert.Equal(all.Where(d => !d.State.IsFinal()).Select(d => d.Id), state.Book.Active.Keys);

        // The treasury and escrow sub-ledgers, from the disbursements alone (spec: settlement audit).
        var paid = all.Where(d => d.State is DisbursementState.Executed or DisbursementState.Finalized).ToList();
        var escrowed = all.Where(d => d.State == DisbursementState.Executed).ToList();
        Assert.Equal((UInt128)workload.TreasuryCt + ((UInt128)accrual * state.Height) - Sum(paid, d => d.Proposal.AmountCt), (UInt128)state.Treasury.Ct);
        Assert.Equal((UInt128)workload.TreasuryIt - Sum(paid, d => d.Proposal.AmountIt), (UInt128)state.Treasury.It);
        Assert.Equal(Sum(escrowed, d => d.Proposal.AmountCt), (UInt128)state.Book.Escrow.Ct);
        Assert.Equal(Sum(escrowed, d => d.Proposal.AmountIt), (UInt128)state.Book.Escrow.It);

        // A destination holds exactly what was finalized to it (nothing else ever pays these addresses).
        for (var d = 0; d < Destinations; d++)
        {
            var destination = TestKeys.Stranger(d);
            var finalized = all.Where(x => x.State == DisbursementState.Finalized && x.Proposal.Destination == destination);
            Assert.Equal(Sum(finalized, x => x.Proposal.AmountCt + x.Proposal.AmountIt), (UInt128)state.GetAccount(destination).Balance);
        }
    }

    /// <summary>
    /// Signs a block's candidates. A sender's next nonce counts only its earlier candidates that the producer would
    /// accept (checked by proposing the block so far without committing it), so one refused transaction does not
    /// leave every later one of the same sender with a nonce gap.
    /// </summary>
    private static List<Transaction> Materialize(TreasuryScenario scenario, IReadOnlyList<OpSpec> ops)
    {
        var candidates = new List<Transaction>();
        var accepted = new Dictionary<Address, ulong>();
        foreach (var op in ops)
        {
            var (key, payload) = op.Kind == OpKind.Progress ? Progress(scenario, op) : (SignerOf(scenario, op), null);
            payload ??= PayloadOf(scenario, op, key);
            var nonce = scenario.State.GetAccount(key.Address).Nonce + accepted.GetValueOrDefault(key.Address) + 1;
            var transaction = Transaction.CreateSigned(TestGenesis.ChainId, key, nonce, op.Small % 5 == 0 ? 1UL : 0UL, payload);
            candidates.Add(transaction);
            var trial = BlockExecutor.Propose(scenario.State, candidates, scenario.State.LastBlockTimeMs + TestGenesis.BlockIntervalMs, scenario.Validator);
            if (trial.Block.Transactions.Any(t => t.Hash == transaction.Hash))
            {
                accepted[key.Address] = accepted.GetValueOrDefault(key.Address) + 1;
            }
        }

        return candidates;
    }

    /// <summary>The step that moves an active disbursement (picked by <see cref="OpSpec.Target"/>) towards payment.</summary>
    private static (SigningKey Key, TransactionPayload Payload) Progress(TreasuryScenario scenario, OpSpec op)
    {
        var active = scenario.State.Book.ActiveInOrder.ToList();
        var lease = scenario.State.Book.Lease;
        var now = TreasuryScenario.SecondsAt(scenario.Height + 1);
        var leaseHolder = lease is { } l && l.IsLiveAt(now) ? scenario.Executors.FirstOrDefault(e => e.Address == l.Executor) : null;
        var renewal = (leaseHolder ?? scenario.Executors[op.Variant % 2], (TransactionPayload)new ExecutorLeasePayload(
            leaseHolder is null ? $"node-{op.Variant % 2}" : lease!.Holder, 600));
        if (active.Count == 0)
        {
            return renewal;
        }

        var disbursement = active[op.Target % active.Count];
        switch (disbursement.State)
        {
            case DisbursementState.Draft or DisbursementState.Voting:
                var voter = scenario.Members.FirstOrDefault(m => disbursement.Votes.All(v => v.Voter != m.Address));
                return voter is null ? renewal : (voter, new VotePayload(disbursement.Id, op.Variant % 8 == 0 ? VoteChoice.No : VoteChoice.Yes));
            case DisbursementState.Queued when leaseHolder is not null:
                return (leaseHolder, new DisbursementPayoutPayload(disbursement.Id));
            case DisbursementState.Executed when op.Variant % 3 == 0:
                // Members ask in turn (any two reach the threshold); now and then the operator's key rolls back at once.
                var asker = op.Variant % 2 == 0
                    ? scenario.Validator
                    : scenario.Members.FirstOrDefault(m => disbursement.RollbackVotes.All(v => v.Voter != m.Address)) ?? scenario.Validator;
                return (asker, new DisbursementRollbackPayload(disbursement.Id, "progress rollback"));
            default:
                return renewal;
        }
    }

    /// <summary>The actor's key; a payout mostly comes from the executor that holds the lease, as a real executor's would.</summary>
    private static SigningKey SignerOf(TreasuryScenario scenario, OpSpec op)
    {
        if (op.Kind == OpKind.Payout && op.Variant % 5 != 0 && scenario.State.Book.Lease is { } lease)
        {
            return scenario.Executors.FirstOrDefault(e => e.Address == lease.Executor) ?? scenario.Executors[0];
        }

        return op.Actor switch
        {
            < 3 => scenario.Members[op.Actor],
            3 => scenario.Outsider,
            _ => scenario.Executors[op.Actor - 4],
        };
    }

    private static TransactionPayload PayloadOf(TreasuryScenario scenario, OpSpec op, SigningKey key) => op.Kind switch
    {
        OpKind.Create => new DisbursementCreatePayload(ProposalFor(scenario, op)),
        OpKind.Vote => new VotePayload(
            PickId(scenario, op, d => d.State is DisbursementState.Draft or DisbursementState.Voting && d.Votes.All(v => v.Voter != key.Address)),
            (op.Variant % 10) switch { < 7 => VoteChoice.Yes, < 9 => VoteChoice.No, _ => VoteChoice.Abstain }),
        OpKind.Lease => new ExecutorLeasePayload(
            op.Variant % 6 == 0 ? "node-other" : key == scenario.Executors[0] ? "node-0" : "node-1",
            (op.Small % 8) switch { 0 => 0, 1 => 3, 2 => 20, 3 => 601, _ => 600 }),
        OpKind.Payout => new DisbursementPayoutPayload(PickId(scenario, op, d => d.State == DisbursementState.Queued)),
        OpKind.Rollback => new DisbursementRollbackPayload(
            PickId(scenario, op, d => d.State is DisbursementState.Executed or DisbursementState.Queued),
            op.Variant % 9 == 0 ? " " : "random rollback"),
        _ => new TransferPayload(
            op.Target % 2 == 0 ? scenario.Members[op.Target % 3].Address : scenario.Executors[op.Target % 2].Address,
            op.Variant % 7 == 0 ? TreasuryScenario.AccountBalance * 2 : op.Small),
    };

    /// <summary>Mostly the id of an active disbursement that fits <paramref name="preferred"/>; sometimes any id, 0 or one not yet allocated.</summary>
    private static ulong PickId(TreasuryScenario scenario, OpSpec op, Func<Disbursement, bool> preferred)
    {
        var candidates = scenario.State.Book.ActiveInOrder.Where(preferred).Select(d => d.Id).ToList();
        if (op.Variant % 4 != 0 && candidates.Count > 0)
        {
            return candidates[op.Target % candidates.Count];
        }

        return (ulong)op.Target % (scenario.NextId + 2);
    }

    private static DisbursementProposal ProposalFor(TreasuryScenario scenario, OpSpec op)
    {
        var existing = scenario.NextId - 1;
        IReadOnlyList<ulong> deps = (op.Target % 6, existing) switch
        {
            (0 or 1 or 2, _) or (_, 0) => [],
            (3, _) => [(op.Small % existing) + 1],
            (4, _) => [.. new[] { (op.Small % existing) + 1, ((op.Small / 7) % existing) + 1 }.Distinct()],
            _ => [op.Small % 2 == 0 ? scenario.NextId : scenario.NextId + 5],
        };
        return TreasuryScenario.Proposal(
            amountCt: (op.Variant % 8) switch { 0 => 0, < 4 => op.Small / 10, < 7 => op.Small, _ => 60_000 },
            amountIt: ((op.Variant / 8) % 8) switch { < 4 => 0, < 7 => op.Small / 20, _ => 30_000 },
            deps: deps,
            scheduledEpoch: scenario.Epoch + (op.Small % 3),
            voteWindowEpochs: op.Variant % 11 == 0 ? 0UL : 1UL + (ulong)((op.Variant / 12) % 3),
            timelockEpochs: op.Small % 3,
            rollbackWindowEpochs: (op.Small / 3) % 3,
            destination: TestKeys.Stranger((int)(op.Small % Destinations)),
            title: op.Variant % 13 == 12 ? " " : "random");
    }

    private static UInt128 Held(ChainState state) => TestChain.TotalHeld(state) + state.Book.Escrow.Ct + state.Book.Escrow.It;

    private static UInt128 Sum(IEnumerable<Disbursement> disbursements, Func<Disbursement, ulong> amount) =>
        disbursements.Aggregate(UInt128.Zero, (sum, d) => sum + amount(d));
}
