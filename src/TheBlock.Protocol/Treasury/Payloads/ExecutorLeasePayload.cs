using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Treasury;

/// <summary>An executor key takes or renews the treasury executor lease for node <see cref="Holder"/>.</summary>
public sealed record ExecutorLeasePayload(string Holder, ulong TtlSeconds) : TransactionPayload
{
    public const int MaxHolderLength = 64;

    public override TransactionKind Kind => TreasuryKinds.ExecutorLease;

    public override void Write(CanonicalWriter writer) => writer.Utf8(Holder).U64(TtlSeconds);

    public override Rejection? CheckStateless() =>
        string.IsNullOrWhiteSpace(Holder) || Holder.Length > MaxHolderLength
            ? new Rejection(TreasuryReasons.InvalidLease, $"a lease holder (node id) must be 1 to {MaxHolderLength} characters")
            : null;

    public static ExecutorLeasePayload Read(ref CanonicalReader reader) => new(reader.Utf8("holder"), reader.U64("ttl_seconds"));
}
