using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// One kind of transaction: its wire code and name, how its payload decodes, and what it does to the state. Checks
/// that need no state live on the payload (<see cref="TransactionPayload.CheckStateless"/>); the check against state
/// is <see cref="Apply"/> itself, run on a throwaway overlay at admission.
/// </summary>
public interface ITransactionType
{
    TransactionKind Kind { get; }

    TransactionPayload Read(ref CanonicalReader reader);

    /// <summary>
    /// False for a kind whose rule never refuses once the payload's shape is valid (a reading batch records each refused
    /// reading instead): admission then skips the throwaway run of <see cref="Apply"/>, which would only repeat the
    /// block's work under the chain lock.
    /// </summary>
    bool CanRefuseAgainstState => true;

    /// <summary>Applies the payload after nonce and fee were taken; a rejection is reverted by the caller.</summary>
    Rejection? Apply(StateOverlay overlay, Transaction transaction, string reference);
}
