using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Modules;

/// <summary>Decodes a payload of type <typeparamref name="TPayload"/> from its canonical bytes.</summary>
public delegate TPayload PayloadReader<out TPayload>(ref CanonicalReader reader)
    where TPayload : TransactionPayload;

/// <summary>What a transaction of type <typeparamref name="TPayload"/> does to the state.</summary>
public delegate Rejection? TransactionRule<in TPayload>(StateOverlay overlay, Transaction transaction, TPayload payload, string reference)
    where TPayload : TransactionPayload;

/// <summary>A transaction kind built from its reader and its rule, so a module declares each kind in one line.</summary>
/// <param name="canRefuseAgainstState">false when the rule never refuses (see <see cref="ITransactionType.CanRefuseAgainstState"/>).</param>
public sealed class TransactionType<TPayload>(TransactionKind kind, PayloadReader<TPayload> read, TransactionRule<TPayload> apply, bool canRefuseAgainstState = true) : ITransactionType
    where TPayload : TransactionPayload
{
    public TransactionKind Kind { get; } = kind;

    public bool CanRefuseAgainstState { get; } = canRefuseAgainstState;

    public TransactionPayload Read(ref CanonicalReader reader) => read(ref reader);

    public Rejection? Apply(StateOverlay overlay, Transaction transaction, string reference) =>
        apply(overlay, transaction, (TPayload)transaction.Payload, reference);
}
