using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Server.Treasury;

/// <summary>A consistent copy of the governance state at one height, for the executor and the RPC methods to read without the chain lock.</summary>
public sealed record TreasuryView(
    ulong Height,
    ulong TimeMs,
    ulong Epoch,
    TreasuryBalances Treasury,
    TreasuryBalances Escrow,
    ExecutorLease? Lease,
    ulong NextId,
    IReadOnlyList<Disbursement> Active)
{
    public ulong UnixSeconds => TimeMs / 1000;
}
