namespace TheBlock.Client.Treasury;

/// <summary>Result of <c>gov.treasury.balance</c>: the treasury's sub-ledgers, its escrow, and the executor's health.</summary>
public sealed record TreasuryBalance(
    ulong BalanceCt,
    ulong BalanceIt,
    ulong EscrowCt,
    ulong EscrowIt,
    ExecutorStatus Executor);
