using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// The governance treasury as a chain module (spec/treasury.md): disbursements with votes, timelocks, an executor
/// lease, payouts into <see cref="EscrowAccount"/> and rollbacks. Its state lives under <see cref="TreasuryState.Prefix"/>.
/// </summary>
public sealed class TreasuryModule : IChainModule
{
    public const string ModuleName = "treasury";

    /// <summary>Holds paid-out disbursements during their rollback window, in the treasury's two sub-ledgers.</summary>
    public const string EscrowAccount = "treasury_escrow";

    public string Name => ModuleName;

    public byte StatePrefix => TreasuryState.Prefix;

    /// <summary>The treasury's settings live in the genesis governance section, which predates module parameters.</summary>
    public IReadOnlyList<ModuleParameter> Parameters { get; } = [];

    public IReadOnlyList<ITransactionType> TransactionTypes { get; } =
    [
        new TransactionType<DisbursementCreatePayload>(TreasuryKinds.DisbursementCreate, DisbursementCreatePayload.Read, (overlay, tx, payload, _) => TreasuryTransactions.Create(overlay, tx, payload)),
        new TransactionType<VotePayload>(TreasuryKinds.Vote, VotePayload.Read, (overlay, tx, payload, _) => TreasuryTransactions.Vote(overlay, tx, payload)),
        new TransactionType<DisbursementRollbackPayload>(TreasuryKinds.DisbursementRollback, DisbursementRollbackPayload.Read, (overlay, tx, payload, _) => TreasuryTransactions.Rollback(overlay, tx, payload)),
        new TransactionType<ExecutorLeasePayload>(TreasuryKinds.ExecutorLease, ExecutorLeasePayload.Read, (overlay, tx, payload, _) => TreasuryTransactions.Lease(overlay, tx, payload)),
        new TransactionType<DisbursementPayoutPayload>(TreasuryKinds.DisbursementPayout, DisbursementPayoutPayload.Read, (overlay, tx, payload, _) => TreasuryTransactions.Payout(overlay, tx, payload)),
    ];

    public IReadOnlyList<LedgerEntryKind> LedgerEntryKinds => TreasuryLedgerEntryKinds.All;

    public IReadOnlyList<LedgerEntryKind> TreasuryIncomeKinds { get; } = [];

    public IReadOnlyList<IEventType> EventTypes { get; } =
    [
        new EventType<DisbursementCreated>(DisbursementCreated.EventName, DisbursementCreated.Read),
        new EventType<DisbursementChanged>(DisbursementChanged.EventName, DisbursementChanged.Read),
        new EventType<ExecutorLeaseChanged>(ExecutorLeaseChanged.EventName, ExecutorLeaseChanged.Read),
    ];

    public IReadOnlyList<string> ReceiptMarkets { get; } = [];

    public IReadOnlyList<string> EscrowAccounts { get; } = [EscrowAccount];

    public void EndBlock(StateOverlay overlay) => TreasuryLifecycle.Apply(overlay);

    public void VerifyBlock(StateOverlay overlay) => EscrowIdentity.VerifyBlock(overlay);

    public void VerifyState(IStateReader state) => EscrowIdentity.Verify(state, state is ChainState chain ? chain.Height : 0);
}
