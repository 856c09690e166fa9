using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Ledger;

/// <summary>The canonical bytes of each kind of state entry that the state root commits to.</summary>
public static class StateEntries
{
    private const byte AccountTag = 1;
    private const byte TreasuryTag = 2;
    private const byte SupplyTag = 3;
    private const byte DisbursementTag = 4;
    private const byte EscrowTag = 5;
    private const byte NextDisbursementIdTag = 6;
    private const byte LeaseTag = 7;

    public static byte[] Account(Address address, Account account) =>
        new CanonicalWriter(37).U8(AccountTag).Address(address).U64(account.Balance).U64(account.Nonce).ToArray();

    public static byte[] Treasury(TreasuryBalances treasury) =>
        new CanonicalWriter(17).U8(TreasuryTag).U64(treasury.Ct).U64(treasury.It).ToArray();

    public static byte[] Supply(SupplyCounters supply) =>
        new CanonicalWriter(25).U8(SupplyTag).U64(supply.Genesis).U64(supply.Minted).U64(supply.Burned).ToArray();

    public static byte[] Disbursement(Disbursement disbursement) =>
        new CanonicalWriter(512).U8(DisbursementTag).Fixed(disbursement.Encode()).ToArray();

    public static byte[] Escrow(TreasuryBalances escrow) =>
        new CanonicalWriter(17).U8(EscrowTag).U64(escrow.Ct).U64(escrow.It).ToArray();

    public static byte[] NextDisbursementId(ulong nextId) =>
        new CanonicalWriter(9).U8(NextDisbursementIdTag).U64(nextId).ToArray();

    /// <summary>Absent until the first lease; after that always present.</summary>
    public static byte[] Lease(ExecutorLease lease)
    {
        var writer = new CanonicalWriter(96).U8(LeaseTag);
        lease.Write(writer);
        return writer.ToArray();
    }
}
