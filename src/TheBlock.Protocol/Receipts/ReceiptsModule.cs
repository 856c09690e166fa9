using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// The storage, compute and ad markets as a chain module (spec/receipts.md): providers with staked keys, buyers'
/// agreements with deposits, and providers' signed receipts paid from those deposits with a treasury fee. Its state
/// lives under <see cref="ReceiptsState.Prefix"/>.
/// </summary>
public sealed class ReceiptsModule : IChainModule
{
    public const string ModuleName = "receipts";

    public const string StakeAccount = "market_stake";

    public const string EscrowAccount = "market_escrow";

    public string Name => ModuleName;

    public byte StatePrefix => ReceiptsState.Prefix;

    public IReadOnlyList<ModuleParameter> Parameters => ReceiptsParameters.All;

    public IReadOnlyList<ITransactionType> TransactionTypes { get; } =
    [
        new TransactionType<MarketProviderRegisterPayload>(ReceiptsKinds.ProviderRegister, MarketProviderRegisterPayload.Read, ReceiptsTransactions.Register),
        new TransactionType<AgreementOpenPayload>(ReceiptsKinds.AgreementOpen, AgreementOpenPayload.Read, ReceiptsTransactions.Open),
        new TransactionType<AgreementTopUpPayload>(ReceiptsKinds.AgreementTopUp, AgreementTopUpPayload.Read, ReceiptsTransactions.TopUp),
        new TransactionType<AgreementClosePayload>(ReceiptsKinds.AgreementClose, AgreementClosePayload.Read, ReceiptsTransactions.Close),
        new TransactionType<ReceiptBatchPayload>(ReceiptsKinds.ReceiptBatch, ReceiptBatchPayload.Read, ReceiptsTransactions.Batch, canRefuseAgainstState: false),
    ];

    public IReadOnlyList<LedgerEntryKind> LedgerEntryKinds => ReceiptsLedgerEntryKinds.All;

    /// <summary>Receipts' fees go to the treasury's it sub-ledger.</summary>
    public IReadOnlyList<LedgerEntryKind> TreasuryIncomeKinds { get; } = [ReceiptsLedgerEntryKinds.ReceiptFee];

    public IReadOnlyList<IEventType> EventTypes { get; } =
    [
        new EventType<MarketProviderRegistered>(MarketProviderRegistered.EventName, MarketProviderRegistered.Read),
        new EventType<AgreementChanged>(AgreementChanged.EventName, AgreementChanged.Read),
        new EventType<MarketReceiptsIncluded>(MarketReceiptsIncluded.EventName, MarketReceiptsIncluded.Read),
    ];

    public IReadOnlyList<string> ReceiptMarkets { get; } = ServiceMarkets.Names;

    public IReadOnlyList<string> EscrowAccounts { get; } = [StakeAccount, EscrowAccount];

    public void EndBlock(StateOverlay overlay)
    {
    }

    public void VerifyBlock(StateOverlay overlay) => ReceiptsIdentity.VerifyBlock(overlay);

    public void VerifyState(IStateReader state) => ReceiptsIdentity.Verify(state, state is ChainState chain ? chain.Height : 0);
}
