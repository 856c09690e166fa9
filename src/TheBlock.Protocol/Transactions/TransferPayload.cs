using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Transactions;

/// <summary>Moves <see cref="Amount"/> CT from the sender to <see cref="To"/>.</summary>
public sealed record TransferPayload(Address To, ulong Amount) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.Transfer;

    public override ulong Spends => Amount;

    public override void Write(CanonicalWriter writer) => writer.Address(To).U64(Amount);

    public override Rejection? CheckStateless() =>
        Amount == 0 ? new Rejection(RejectionReasons.InvalidAmount, "transfer amount must be at least 1 CT") : null;

    internal static TransferPayload Read(ref CanonicalReader reader) => new(reader.Address("to"), reader.U64("amount"));
}
