using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// The energy market as a chain module (spec/energy.md): providers with staked keys and meters, offtakers' escrows,
/// signed readings turned into credits, settlement after the dispute window with a treasury fee, disputes, reputation
/// and slashing. Its state lives under <see cref="EnergyState.Prefix"/>.
/// </summary>
public sealed class EnergyModule : IChainModule
{
    public const string ModuleName = "energy";

    /// <summary>The market its settlements' receipts belong to.</summary>
    public const string MarketName = "energy";

    /// <summary>Holds providers' stakes.</summary>
    public const string StakeAccount = "energy_stake";

    /// <summary>Holds offtakers' escrows, which settlements draw from.</summary>
    public const string EscrowAccount = "energy_escrow";

    public string Name => ModuleName;

    public byte StatePrefix => EnergyState.Prefix;

    public IReadOnlyList<ModuleParameter> Parameters => EnergyParameters.All;

    public IReadOnlyList<ITransactionType> TransactionTypes { get; } =
    [
        new TransactionType<ProviderRegisterPayload>(EnergyKinds.ProviderRegister, ProviderRegisterPayload.Read, EnergyTransactions.Register),
        new TransactionType<ProviderUpdatePayload>(EnergyKinds.ProviderUpdate, ProviderUpdatePayload.Read, (overlay, tx, payload, _) => EnergyTransactions.Update(overlay, tx, payload)),
        new TransactionType<ProviderRotateKeyPayload>(EnergyKinds.ProviderRotateKey, ProviderRotateKeyPayload.Read, (overlay, tx, payload, _) => EnergyTransactions.RotateKey(overlay, tx, payload)),
        new TransactionType<ProviderExitPayload>(EnergyKinds.ProviderExit, ProviderExitPayload.Read, EnergyTransactions.Exit),
        new TransactionType<EscrowDepositPayload>(EnergyKinds.EscrowDeposit, EscrowDepositPayload.Read, EnergyTransactions.Deposit),
        new TransactionType<EscrowWithdrawPayload>(EnergyKinds.EscrowWithdraw, EscrowWithdrawPayload.Read, EnergyTransactions.Withdraw),
        new TransactionType<ReadingBatchPayload>(EnergyKinds.ReadingBatch, ReadingBatchPayload.Read, (overlay, tx, payload, _) => EnergyTransactions.ReadingBatch(overlay, tx, payload), canRefuseAgainstState: false),
        new TransactionType<DisputeOpenPayload>(EnergyKinds.DisputeOpen, DisputeOpenPayload.Read, (overlay, tx, payload, _) => EnergyTransactions.OpenDispute(overlay, tx, payload)),
        new TransactionType<DisputeResolvePayload>(EnergyKinds.DisputeResolve, DisputeResolvePayload.Read, EnergyTransactions.ResolveDispute),
    ];

    public IReadOnlyList<LedgerEntryKind> LedgerEntryKinds => EnergyLedgerEntryKinds.All;

    /// <summary>Settlement fees and slashed stakes go to the treasury's it sub-ledger.</summary>
    public IReadOnlyList<LedgerEntryKind> TreasuryIncomeKinds { get; } = [EnergyLedgerEntryKinds.SettlementFee, EnergyLedgerEntryKinds.Slash];

    public IReadOnlyList<IEventType> EventTypes { get; } =
    [
        new EventType<EnergyProviderChanged>(EnergyProviderChanged.EventName, EnergyProviderChanged.Read),
        new EventType<EnergyReadingAccepted>(EnergyReadingAccepted.EventName, EnergyReadingAccepted.Read),
        new EventType<EnergyReadingRejected>(EnergyReadingRejected.EventName, EnergyReadingRejected.Read),
        new EventType<EnergyCreditChanged>(EnergyCreditChanged.EventName, EnergyCreditChanged.Read),
        new EventType<EnergyDisputeChanged>(EnergyDisputeChanged.EventName, EnergyDisputeChanged.Read),
        new EventType<EnergyEscrowChanged>(EnergyEscrowChanged.EventName, EnergyEscrowChanged.Read),
        new EventType<EnergyReceiptEmitted>(EnergyReceiptEmitted.EventName, EnergyReceiptEmitted.Read),
    ];

    public IReadOnlyList<string> ReceiptMarkets { get; } = [MarketName];

    public IReadOnlyList<string> EscrowAccounts { get; } = [StakeAccount, EscrowAccount];

    public void EndBlock(StateOverlay overlay) => EnergySettlement.Apply(overlay);

    public void VerifyBlock(StateOverlay overlay) => EnergyIdentity.VerifyBlock(overlay);

    public void VerifyState(IStateReader state) => EnergyIdentity.Verify(state, state is ChainState chain ? chain.Height : 0);
}
