using TheBlock.Protocol;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>Canonical encodings of a stored disbursement and of every governance transaction kind round-trip exactly.</summary>
public class TreasuryEncodingTests
{
    private static DisbursementProposal FullProposal() => Proposal(
        amountCt: 1_000,
        amountIt: 234,
        deps: [3, 1, 2],
        scheduledEpoch: 77,
        voteWindowEpochs: 2,
        timelockEpochs: 0,
        rollbackWindowEpochs: 5,
        title: "Grant — ünïcode",
        summary: "multi\nline",
        memo: new string('m', ProposalRules.MaxMemoBytes),
        expectedReceipts: [new(TestKeys.Stranger(1), 900, 234), new(TestKeys.Stranger(2), 100, 0)]);

    private static Disbursement FullDisbursement() => new()
    {
        Id = 42,
        Proposal = FullProposal(),
        Proposer = TestKeys.Stranger(5),
        CreatedTx = Hash32.Sha256("create"u8),
        CreatedHeight = 7,
        CreatedAt = 1_700_000_007,
        UpdatedAt = 1_700_000_090,
        State = DisbursementState.RolledBack,
        Since = 1_700_000_090,
        Reason = "Dependency 3 was rolled back",
        StateTx = Hash32.Sha256("rollback"u8),
        QueuedAt = 1_700_000_050,
        ExecutedAt = 1_700_000_060,
        ExecutedHeight = 60,
        FinalizedAt = null,
        RolledBackAt = 1_700_000_090,
        VotingEndsHeight = 3,
        TimelockEndsHeight = 3,
        FinalizesAtHeight = 11,
        QuorumPpm = 500_000,
        ThresholdPpm = 666_667,
        TotalVotingPower = 100,
        Tally = new VoteTally(40, 30, 30),
        Votes = [new(TestKeys.Stranger(6), VoteChoice.Yes, 40), new(TestKeys.Stranger(7), VoteChoice.No, 30), new(TestKeys.Stranger(8), VoteChoice.Abstain, 30)],
        RollbackVotes = [new(TestKeys.Stranger(7), 30, "wrong vendor — ünïcode"), new(TestKeys.Stranger(8), 30, "agreed")],
    };

    private static void AssertSameDisbursement(Disbursement expected, Disbursement actual)
    {
        Assert.Equal(expected, actual with { Votes = expected.Votes, RollbackVotes = expected.RollbackVotes });
        Assert.Equal(expected.Votes, actual.Votes);
        Assert.Equal(expected.RollbackVotes, actual.RollbackVotes);
        Assert.Equal(expected.Encode(), actual.Encode());
    }

    [Fact]
    public void A_disbursement_with_every_field_set_decodes_to_the_same_disbursement()
    {
        var original = FullDisbursement();

        var decoded = Disbursement.Decode(original.Encode());

        AssertSameDisbursement(original, decoded);
        Assert.Equal([3UL, 1UL, 2UL], decoded.Proposal.Deps);
        Assert.Equal("Grant — ünïcode", decoded.Proposal.Title);
    }

    [Fact]
    public void A_fresh_draft_with_no_optional_fields_decodes_with_them_still_absent()
    {
        var original = FullDisbursement() with
        {
            State = DisbursementState.Draft,
            Reason = null,
            StateTx = null,
            QueuedAt = null,
            ExecutedAt = null,
            ExecutedHeight = null,
            RolledBackAt = null,
            VotingEndsHeight = null,
            TimelockEndsHeight = null,
            FinalizesAtHeight = null,
            Tally = default,
            Votes = [],
            RollbackVotes = [],
            Proposal = Proposal(),
        };

        var decoded = Disbursement.Decode(original.Encode());

        AssertSameDisbursement(original, decoded);
        Assert.Null(decoded.Reason);
        Assert.Null(decoded.StateTx);
        Assert.Null(decoded.VotingEndsHeight);
        Assert.Null(decoded.FinalizesAtHeight);
        Assert.Null(decoded.Proposal.VoteWindowEpochs);
        Assert.Empty(decoded.Proposal.Deps);
        Assert.Empty(decoded.RollbackVotes);
    }

    [Fact]
    public void Every_state_round_trips_and_an_unknown_state_byte_is_malformed()
    {
        foreach (var state in DisbursementStates.All)
        {
            Assert.Equal(state, Disbursement.Decode((FullDisbursement() with { State = state }).Encode()).State);
        }

        var bytes = (FullDisbursement() with { State = DisbursementState.Queued }).Encode();
        var stateOffset = StateOffset();
        Assert.Equal((byte)DisbursementState.Queued, bytes[stateOffset]);
        bytes[stateOffset] = 99;
        Assert.Contains("state 99", Assert.Throws<FormatException>(() => Disbursement.Decode(bytes)).Message, StringComparison.Ordinal);
        bytes[stateOffset] = 0;
        Assert.Throws<FormatException>(() => Disbursement.Decode(bytes));
    }

    [Fact]
    public void Trailing_bytes_after_a_disbursement_are_malformed()
    {
        var bytes = FullDisbursement().Encode();

        Assert.Throws<FormatException>(() => Disbursement.Decode([.. bytes, 0]));
        Assert.Throws<FormatException>(() => Disbursement.Decode(bytes.AsSpan(0, bytes.Length - 1)));
    }

    public static TheoryData<string> Kinds => ["create", "vote", "rollback", "lease", "payout"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_governance_transaction_kind_decodes_to_the_same_payload_bytes_and_hash(string kind)
    {
        TransactionPayload payload = kind switch
        {
            "create" => new DisbursementCreatePayload(FullProposal()),
            "vote" => new VotePayload(42, VoteChoice.Abstain),
            "rollback" => new DisbursementRollbackPayload(42, "wrong destination ✗"),
            "lease" => new ExecutorLeasePayload("node-7f3a", 600),
            _ => new DisbursementPayoutPayload(ulong.MaxValue),
        };
        using var key = TestKeys.Key(0);
        var original = Transaction.CreateSigned(TestGenesis.ChainId, key, 9, 4, payload);

        var decoded = Transaction.Decode(original.Encoded.Span, StandardChain.Modules);

        Assert.Equal(payload.Kind, decoded.Kind);
        Assert.Equal(payload, decoded.Payload);
        Assert.Equal(original.Encoded.ToArray(), decoded.Encoded.ToArray());
        Assert.Equal(original.Hash, decoded.Hash);
        Assert.True(decoded.VerifySignature());
        Assert.Equal(kind switch
        {
            "create" => "disbursement_create",
            "vote" => "vote",
            "rollback" => "disbursement_rollback",
            "lease" => "executor_lease",
            _ => "disbursement_payout",
        }, decoded.Kind.Name);
    }

    [Fact]
    public void A_create_payload_with_more_than_100_deps_does_not_decode()
    {
        using var key = TestKeys.Key(0);
        var deps = Enumerable.Range(1, ProposalRules.MaxDeps + 1).Select(i => (ulong)i).ToList();
        var transaction = Transaction.CreateSigned(TestGenesis.ChainId, key, 1, 0, new DisbursementCreatePayload(Proposal(deps: deps)));

        var error = Assert.Throws<FormatException>(() => Transaction.Decode(transaction.Encoded.Span, StandardChain.Modules));
        Assert.Contains("deps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proposals_differing_only_in_a_list_are_not_equal()
    {
        Assert.Equal(Proposal(deps: [1, 2]), Proposal(deps: [1, 2]));
        Assert.NotEqual(Proposal(deps: [1, 2]), Proposal(deps: [2, 1]));
        Assert.NotEqual(Proposal(expectedReceipts: [new(TestKeys.Stranger(1), 100, 50)]), Proposal());
        Assert.NotEqual(Proposal(timelockEpochs: 0), Proposal());
    }

    /// <summary>The state byte follows the proposal, proposer (20), created tx (32) and three u64s.</summary>
    private static int StateOffset()
    {
        var writer = new TheBlock.Protocol.Encoding.CanonicalWriter(64);
        writer.U64(42);
        FullProposal().Write(writer);
        return writer.ToArray().Length + Address.Size + Hash32.Size + (3 * sizeof(ulong));
    }
}
