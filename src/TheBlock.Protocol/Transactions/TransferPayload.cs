using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Transactions;

/// <summary>Moves <see cref="Amount"/> CT from the sender to <see cref="To"/>.</summary>
public sealed record TransferPayload(Address To, ulong Amount) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.Transfer;

    public override void Write(CanonicalWriter writer) => writer.Address(To).U64(Amount);

    internal static TransferPayload Read(ref CanonicalReader reader) => new(reader.Address("to"), reader.U64("amount"));
}
