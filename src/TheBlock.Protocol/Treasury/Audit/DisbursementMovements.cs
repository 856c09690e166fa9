using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>
/// What the journal says one disbursement did in the audited range: amounts per kind and sub-ledger (index 0 ct,
/// 1 it, as positive amounts), the height of each kind, and which balances it moved. The auditor compares it with the
/// disbursement's record once the range has been read.
/// </summary>
internal sealed class DisbursementMovements
{
    public Int128[] Paid { get; } = new Int128[2];

    public Int128[] Escrowed { get; } = new Int128[2];

    public Int128[] Released { get; } = new Int128[2];

    public Int128[] RefundedFromEscrow { get; } = new Int128[2];

    public Int128[] RefundedToTreasury { get; } = new Int128[2];

    public Int128 Received { get; set; }

    public ulong? PaidAt { get; private set; }

    public ulong? ReleasedAt { get; private set; }

    public ulong? RefundedAt { get; private set; }

    /// <summary>Entries of one kind at two different heights: a disbursement is paid, released and refunded at most once.</summary>
    public bool HeightsConflict { get; private set; }

    public Address? ReceivedBy { get; private set; }

    public bool ReceivedByMany { get; private set; }

    public bool[] MovedTreasury { get; } = new bool[2];

    public bool MovedEscrow { get; set; }

    public bool RecordLoaded { get; private set; }

    public Disbursement? Record { get; private set; }

    public bool HasPayment => PaidAt is not null;

    public bool HasRelease => ReleasedAt is not null;

    public bool HasRefund => RefundedAt is not null;

    public void PaymentAt(ulong height) => PaidAt = At(PaidAt, height);

    public void ReleaseAt(ulong height) => ReleasedAt = At(ReleasedAt, height);

    public void RefundAt(ulong height) => RefundedAt = At(RefundedAt, height);

    public void ReceivedAt(ulong height, Address destination)
    {
        ReleasedAt = At(ReleasedAt, height);
        if (ReceivedBy is { } earlier && earlier != destination)
        {
            ReceivedByMany = true;
        }

        ReceivedBy = destination;
    }

    public void UseRecord(Disbursement? record)
    {
        Record = record;
        RecordLoaded = true;
    }

    private ulong At(ulong? earlier, ulong height)
    {
        if (earlier is { } seen && seen != height)
        {
            HeightsConflict = true;
        }

        return earlier ?? height;
    }
}
