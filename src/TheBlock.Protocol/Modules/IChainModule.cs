using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// A subsystem of the chain (the treasury, later energy and receipts): its state lives under its own key prefix in
/// the journaled state, its transactions are dispatched to it by kind code, its end-of-block step runs after the
/// block's transactions, and the escrow accounts it holds count towards conservation. The core names no module;
/// a composition root lists them (<see cref="ChainModules"/>).
/// </summary>
public interface IChainModule
{
    /// <summary>The lowercase name used in storage metadata, logs and docs.</summary>
    string Name { get; }

    /// <summary>The first byte of every state key the module owns; unique across the chain.</summary>
    byte StatePrefix { get; }

    /// <summary>The settings a genesis may give the module (<see cref="ModuleParameters"/>), with their defaults.</summary>
    IReadOnlyList<ModuleParameter> Parameters { get; }

    IReadOnlyList<ITransactionType> TransactionTypes { get; }

    IReadOnlyList<LedgerEntryKind> LedgerEntryKinds { get; }

    /// <summary>
    /// Its ledger entry kinds that pay the chain's treasury income (market fees, slashed stakes): the settlement audit
    /// counts them as accruals; any other unexplained treasury entry is a discrepancy.
    /// </summary>
    IReadOnlyList<LedgerEntryKind> TreasuryIncomeKinds { get; }

    /// <summary>Every event the module emits, so stored blocks' events decode.</summary>
    IReadOnlyList<IEventType> EventTypes { get; }

    /// <summary>
    /// The markets whose service receipts it emits (<see cref="IReceiptEvent"/>), e.g. <c>storage</c>: unique across
    /// the chain, so receipts' metrics and queries know every market, a silent one included.
    /// </summary>
    IReadOnlyList<string> ReceiptMarkets { get; }

    /// <summary>System accounts the module holds funds in (its escrows), counted in conservation like any balance.</summary>
    IReadOnlyList<string> EscrowAccounts { get; }

    /// <summary>Runs once per block after its transactions, before the block reward.</summary>
    void EndBlock(StateOverlay overlay);

    /// <summary>Throws <see cref="InvariantViolationException"/> when the block in <paramref name="overlay"/> broke one of the module's invariants.</summary>
    void VerifyBlock(StateOverlay overlay);

    /// <summary>The full-scan form of the module's invariants, for start-up, tests and audits.</summary>
    void VerifyState(IStateReader state);
}
