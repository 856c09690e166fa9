using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Transactions;

/// <summary>An executor key takes or renews the treasury executor lease for node <see cref="Holder"/>.</summary>
public sealed record ExecutorLeasePayload(string Holder, ulong TtlSeconds) : TransactionPayload
{
    public const int MaxHolderLength = 64;

    public override TransactionKind Kind => TransactionKind.ExecutorLease;

    public override void Write(CanonicalWriter writer) => writer.Utf8(Holder).U64(TtlSeconds);

    internal static ExecutorLeasePayload Read(ref CanonicalReader reader) => new(reader.Utf8("holder"), reader.U64("ttl_seconds"));
}
