using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// A disbursement as the chain holds it: the accepted proposal (windows resolved to numbers), who proposed it, its
/// state with the unix-second times of each step, the votes, the council's rollback requests, and the heights at
/// which the end-of-block step moves it on (<see cref="TreasuryWindows"/>). <see cref="StateTx"/> is the transaction
/// that caused the current state (null when the end-of-block step did).
/// </summary>
public sealed record Disbursement
{
    public required ulong Id { get; init; }

    public required DisbursementProposal Proposal { get; init; }

    public required Address Proposer { get; init; }

    public required Hash32 CreatedTx { get; init; }

    public required ulong CreatedHeight { get; init; }

    public required ulong CreatedAt { get; init; }

    public required ulong UpdatedAt { get; init; }

    public required DisbursementState State { get; init; }

    /// <summary>When the current state was entered (unix seconds).</summary>
    public required ulong Since { get; init; }

    public string? Reason { get; init; }

    public Hash32? StateTx { get; init; }

    public ulong? QueuedAt { get; init; }

    public ulong? ExecutedAt { get; init; }

    public ulong? ExecutedHeight { get; init; }

    public ulong? FinalizedAt { get; init; }

    public ulong? RolledBackAt { get; init; }

    /// <summary>The height at which voting closes and the votes are tallied (set when voting opens).</summary>
    public ulong? VotingEndsHeight { get; init; }

    /// <summary>The height at which the timelock ends (set when the vote passes).</summary>
    public ulong? TimelockEndsHeight { get; init; }

    /// <summary>The height at which an executed disbursement is finalized (set when it is paid).</summary>
    public ulong? FinalizesAtHeight { get; init; }

    public required uint QuorumPpm { get; init; }

    public required uint ThresholdPpm { get; init; }

    public required ulong TotalVotingPower { get; init; }

    public VoteTally Tally { get; init; }

    public IReadOnlyList<CastVote> Votes { get; init; } = [];

    /// <summary>The council members who asked to roll it back so far, in the order their transactions ran.</summary>
    public IReadOnlyList<RollbackVote> RollbackVotes { get; init; } = [];

    /// <summary>The voting power of the members who asked to roll it back.</summary>
    public ulong RollbackPower => RollbackVotes.Aggregate(0UL, (total, vote) => total + vote.Power);

    /// <summary>
    /// The rollback power at which the council's requests roll it back: the threshold of the total voting power
    /// recorded at creation, rounded up, so power ≥ needed exactly when power × 10^6 ≥ total × threshold_ppm.
    /// </summary>
    public ulong RollbackPowerNeeded =>
        (ulong)((((UInt128)TotalVotingPower * ThresholdPpm) + GovernanceParameters.PartsPerMillion - 1) / GovernanceParameters.PartsPerMillion);

    public ulong VoteWindowEpochs => Proposal.VoteWindowEpochs!.Value;

    public ulong TimelockEpochs => Proposal.TimelockEpochs!.Value;

    public ulong RollbackWindowEpochs => Proposal.RollbackWindowEpochs!.Value;

    public string LedgerReference => Reference(Id);

    public static string Reference(ulong id) => $"disbursement:{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Moves to <paramref name="state"/> at <paramref name="unixSeconds"/>, stamping the matching time field.</summary>
    public Disbursement MoveTo(DisbursementState state, ulong unixSeconds, string? reason = null, Hash32? tx = null) => this with
    {
        State = state,
        Since = unixSeconds,
        UpdatedAt = unixSeconds,
        Reason = reason,
        StateTx = tx,
        QueuedAt = state == DisbursementState.Queued ? unixSeconds : QueuedAt,
        ExecutedAt = state == DisbursementState.Executed ? unixSeconds : ExecutedAt,
        FinalizedAt = state == DisbursementState.Finalized ? unixSeconds : FinalizedAt,
        RolledBackAt = state == DisbursementState.RolledBack ? unixSeconds : RolledBackAt,
    };

    /// <summary>The canonical bytes the state root commits to and storage keeps.</summary>
    public byte[] Encode()
    {
        var writer = new CanonicalWriter(512);
        writer.U64(Id);
        Proposal.Write(writer);
        writer.Address(Proposer).Hash(CreatedTx).U64(CreatedHeight).U64(CreatedAt).U64(UpdatedAt).U8((byte)State).U64(Since);
        writer.Utf8(Reason ?? string.Empty);
        writer.OptionalHash(StateTx).OptionalU64(QueuedAt).OptionalU64(ExecutedAt).OptionalU64(ExecutedHeight).OptionalU64(FinalizedAt).OptionalU64(RolledBackAt);
        writer.OptionalU64(VotingEndsHeight).OptionalU64(TimelockEndsHeight).OptionalU64(FinalizesAtHeight);
        writer.U64(QuorumPpm).U64(ThresholdPpm).U64(TotalVotingPower);
        writer.U64(Tally.Yes).U64(Tally.No).U64(Tally.Abstain);
        writer.U64((ulong)Votes.Count);
        foreach (var vote in Votes)
        {
            writer.Address(vote.Voter).U8((byte)vote.Choice).U64(vote.Power);
        }

        writer.U64((ulong)RollbackVotes.Count);
        foreach (var vote in RollbackVotes)
        {
            writer.Address(vote.Voter).U64(vote.Power).Utf8(vote.Reason);
        }

        return writer.ToArray();
    }

    public static Disbursement Decode(ReadOnlySpan<byte> encoded)
    {
        var reader = new CanonicalReader(encoded);
        var disbursement = Read(ref reader);
        reader.ExpectEnd($"disbursement {disbursement.Id}");
        return disbursement;
    }

    /// <summary>Reads one encoded disbursement from <paramref name="reader"/>, leaving what follows it.</summary>
    public static Disbursement Read(ref CanonicalReader reader)
    {
        var id = reader.U64("id");
        var proposal = DisbursementProposal.Read(ref reader);
        var proposer = reader.Address("proposer");
        var createdTx = reader.Hash("created_tx");
        var createdHeight = reader.U64("created_height");
        var createdAt = reader.U64("created_at");
        var updatedAt = reader.U64("updated_at");
        var state = (DisbursementState)reader.U8("state");
        if (!Enum.IsDefined(state))
        {
            throw new FormatException($"disbursement {id} has state {(byte)state}");
        }

        var since = reader.U64("since");
        var reason = reader.Utf8("reason");
        var stateTx = reader.OptionalHash("state_tx");
        var queuedAt = reader.OptionalU64("queued_at");
        var executedAt = reader.OptionalU64("executed_at");
        var executedHeight = reader.OptionalU64("executed_height");
        var finalizedAt = reader.OptionalU64("finalized_at");
        var rolledBackAt = reader.OptionalU64("rolled_back_at");
        var votingEnds = reader.OptionalU64("voting_ends_height");
        var timelockEnds = reader.OptionalU64("timelock_ends_height");
        var finalizesAt = reader.OptionalU64("finalizes_at_height");
        var quorum = checked((uint)reader.U64("quorum_ppm"));
        var threshold = checked((uint)reader.U64("threshold_ppm"));
        var totalPower = reader.U64("total_voting_power");
        var tally = new VoteTally(reader.U64("yes"), reader.U64("no"), reader.U64("abstain"));
        var voteCount = reader.U64("votes count");
        if (voteCount > 10_000)
        {
            throw new FormatException($"disbursement {id} has {voteCount} votes");
        }

        var votes = new List<CastVote>();
        for (var i = 0UL; i < voteCount; i++)
        {
            votes.Add(new CastVote(reader.Address("voter"), (VoteChoice)reader.U8("choice"), reader.U64("power")));
        }

        var rollbackVoteCount = reader.U64("rollback votes count");
        if (rollbackVoteCount > 10_000)
        {
            throw new FormatException($"disbursement {id} has {rollbackVoteCount} rollback votes");
        }

        var rollbackVotes = new List<RollbackVote>();
        for (var i = 0UL; i < rollbackVoteCount; i++)
        {
            rollbackVotes.Add(new RollbackVote(reader.Address("rollback voter"), reader.U64("rollback power"), reader.Utf8("rollback reason")));
        }

        return new Disbursement
        {
            Id = id,
            Proposal = proposal,
            Proposer = proposer,
            CreatedTx = createdTx,
            CreatedHeight = createdHeight,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            State = state,
            Since = since,
            Reason = reason.Length == 0 ? null : reason,
            StateTx = stateTx,
            QueuedAt = queuedAt,
            ExecutedAt = executedAt,
            ExecutedHeight = executedHeight,
            FinalizedAt = finalizedAt,
            RolledBackAt = rolledBackAt,
            VotingEndsHeight = votingEnds,
            TimelockEndsHeight = timelockEnds,
            FinalizesAtHeight = finalizesAt,
            QuorumPpm = quorum,
            ThresholdPpm = threshold,
            TotalVotingPower = totalPower,
            Tally = tally,
            Votes = votes,
            RollbackVotes = rollbackVotes,
        };
    }
}
