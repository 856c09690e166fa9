using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>The canonical bytes of each kind of state entry that the state root commits to.</summary>
public static class StateEntries
{
    private const byte AccountTag = 1;
    private const byte TreasuryTag = 2;
    private const byte SupplyTag = 3;

    public static byte[] Account(Address address, Account account) =>
        new CanonicalWriter(37).U8(AccountTag).Address(address).U64(account.Balance).U64(account.Nonce).ToArray();

    public static byte[] Treasury(TreasuryBalances treasury) =>
        new CanonicalWriter(17).U8(TreasuryTag).U64(treasury.Ct).U64(treasury.It).ToArray();

    public static byte[] Supply(SupplyCounters supply) =>
        new CanonicalWriter(25).U8(SupplyTag).U64(supply.Genesis).U64(supply.Minted).U64(supply.Burned).ToArray();
}
