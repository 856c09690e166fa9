using System.Globalization;

namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>
/// The blocks a settlement audit covers: epochs <see cref="FromEpoch"/>..<see cref="ToEpoch"/>, i.e. heights
/// <see cref="FromHeight"/> (= from × epoch_length) to <see cref="ToHeight"/> (= min(head, (to + 1) × epoch_length − 1)).
/// Block 0 is genesis, the initial state, so the first block whose movements are audited is
/// <see cref="FirstAuditedHeight"/>: 1 for epoch 0, <see cref="FromHeight"/> otherwise.
/// </summary>
public sealed record AuditRange(ulong FromEpoch, ulong ToEpoch, ulong FromHeight, ulong ToHeight, ulong HeadHeight)
{
    public const string FromEpochParam = "from_epoch";
    public const string ToEpochParam = "to_epoch";

    public ulong FirstAuditedHeight => Math.Max(FromHeight, 1);

    /// <summary>Whether the range ends at the head, so its final balances are the stored state.</summary>
    public bool EndsAtHead => ToHeight == HeadHeight;

    /// <summary>How many blocks' movements are audited (0 when the chain holds only genesis).</summary>
    public ulong BlockCount => ToHeight >= FirstAuditedHeight ? ToHeight - FirstAuditedHeight + 1 : 0;

    /// <summary>
    /// The range for the requested epochs (absent: from genesis, to the head's epoch) on a chain whose head is at
    /// <paramref name="headHeight"/>, or the problem with the request, naming the param.
    /// </summary>
    public static AuditRangeProblem? Resolve(ulong? fromEpoch, ulong? toEpoch, ulong headHeight, ulong epochLength, out AuditRange range)
    {
        ArgumentOutOfRangeException.ThrowIfZero(epochLength);
        range = null!;
        var headEpoch = headHeight / epochLength;
        var to = toEpoch ?? headEpoch;
        var from = fromEpoch ?? 0;
        if (to > headEpoch)
        {
            return new AuditRangeProblem(ToEpochParam, $"to_epoch {Text(to)} is after the head's epoch {Text(headEpoch)} (height {Text(headHeight)}, {Text(epochLength)} blocks per epoch)");
        }

        if (from > to)
        {
            return new AuditRangeProblem(FromEpochParam, toEpoch is null
                ? $"from_epoch {Text(from)} is after the head's epoch {Text(headEpoch)} (height {Text(headHeight)})"
                : $"from_epoch {Text(from)} is after to_epoch {Text(to)}: the range must not run backwards");
        }

        var lastOfEpoch = ((UInt128)to + 1) * epochLength - 1;
        range = new AuditRange(from, to, from * epochLength, (ulong)UInt128.Min(lastOfEpoch, headHeight), headHeight);
        return null;
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
