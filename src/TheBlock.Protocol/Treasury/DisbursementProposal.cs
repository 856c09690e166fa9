using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// What a proposer asks for (spec/treasury.md, "Proposal payload"). Windows left null take the governance defaults
/// when the proposal is accepted. <see cref="Memo"/> is at most 8 KiB of UTF-8.
/// </summary>
public sealed record DisbursementProposal(
    string Title,
    string Summary,
    Address Destination,
    ulong AmountCt,
    ulong AmountIt,
    string Memo,
    ulong ScheduledEpoch,
    IReadOnlyList<ExpectedReceipt> ExpectedReceipts,
    IReadOnlyList<ulong> Deps,
    ulong? VoteWindowEpochs,
    ulong? TimelockEpochs,
    ulong? RollbackWindowEpochs)
{
    public bool Equals(DisbursementProposal? other) =>
        other is not null
        && Title == other.Title && Summary == other.Summary && Destination == other.Destination
        && AmountCt == other.AmountCt && AmountIt == other.AmountIt && Memo == other.Memo
        && ScheduledEpoch == other.ScheduledEpoch
        && ExpectedReceipts.SequenceEqual(other.ExpectedReceipts) && Deps.SequenceEqual(other.Deps)
        && VoteWindowEpochs == other.VoteWindowEpochs && TimelockEpochs == other.TimelockEpochs
        && RollbackWindowEpochs == other.RollbackWindowEpochs;

    public override int GetHashCode() => HashCode.Combine(Title, Destination, AmountCt, AmountIt, ScheduledEpoch, Deps.Count);

    public void Write(CanonicalWriter writer)
    {
        writer.Utf8(Title).Utf8(Summary).Address(Destination).U64(AmountCt).U64(AmountIt).Utf8(Memo).U64(ScheduledEpoch);
        writer.U64((ulong)ExpectedReceipts.Count);
        foreach (var receipt in ExpectedReceipts)
        {
            writer.Address(receipt.Account).U64(receipt.AmountCt).U64(receipt.AmountIt);
        }

        writer.U64((ulong)Deps.Count);
        foreach (var dep in Deps)
        {
            writer.U64(dep);
        }

        writer.OptionalU64(VoteWindowEpochs).OptionalU64(TimelockEpochs).OptionalU64(RollbackWindowEpochs);
    }

    public static DisbursementProposal Read(ref CanonicalReader reader)
    {
        var title = reader.Utf8("title");
        var summary = reader.Utf8("summary");
        var destination = reader.Address("destination");
        var amountCt = reader.U64("amount_ct");
        var amountIt = reader.U64("amount_it");
        var memo = reader.Utf8("memo");
        var scheduledEpoch = reader.U64("scheduled_epoch");
        var receipts = new List<ExpectedReceipt>();
        var receiptCount = ReadCount(ref reader, "expected_receipts", ProposalRules.MaxExpectedReceipts);
        for (var i = 0; i < receiptCount; i++)
        {
            receipts.Add(new ExpectedReceipt(reader.Address("expected_receipts.account"), reader.U64("expected_receipts.amount_ct"), reader.U64("expected_receipts.amount_it")));
        }

        var deps = new List<ulong>();
        var depCount = ReadCount(ref reader, "deps", ProposalRules.MaxDeps);
        for (var i = 0; i < depCount; i++)
        {
            deps.Add(reader.U64("deps"));
        }

        return new DisbursementProposal(
            title, summary, destination, amountCt, amountIt, memo, scheduledEpoch, receipts, deps,
            reader.OptionalU64("vote_window_epochs"), reader.OptionalU64("timelock_epochs"), reader.OptionalU64("rollback_window_epochs"));
    }

    /// <summary>Counts are bounded before anything is allocated for them.</summary>
    private static int ReadCount(ref CanonicalReader reader, string field, int max)
    {
        var count = reader.U64(field + " count");
        return count <= (ulong)max ? (int)count : throw new FormatException($"{field} has {count} items; at most {max} are allowed");
    }
}
