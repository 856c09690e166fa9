using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The canonical bytes of each kind of state entry that the state root commits to. Tags 4 to 7 belonged to the
/// treasury before it became a module (state version 2) and are not reused.
/// </summary>
public static class StateEntries
{
    private const byte AccountTag = 1;
    private const byte TreasuryTag = 2;
    private const byte SupplyTag = 3;
    private const byte SystemBalanceTag = 8;
    private const byte ModuleEntryTag = 9;

    public static byte[] Account(Address address, Account account) =>
        new CanonicalWriter(37).U8(AccountTag).Address(address).U64(account.Balance).U64(account.Nonce).ToArray();

    public static byte[] Treasury(TreasuryBalances treasury) =>
        new CanonicalWriter(17).U8(TreasuryTag).U64(treasury.Ct).U64(treasury.It).ToArray();

    public static byte[] Supply(SupplyCounters supply) =>
        new CanonicalWriter(25).U8(SupplyTag).U64(supply.Genesis).U64(supply.Minted).U64(supply.Burned).ToArray();

    /// <summary>Absent while the balance is zero.</summary>
    public static byte[] SystemBalance(SystemBalanceKey key, ulong amount) =>
        new CanonicalWriter(32).U8(SystemBalanceTag).Utf8(key.Account).U8((byte)key.SubLedger).U64(amount).ToArray();

    public static byte[] ModuleEntry(StateKey key, StateValue value)
    {
        var bytes = new byte[ModuleEntryLength(key, value)];
        WriteModuleEntry(bytes, key, value);
        return bytes;
    }

    public static int ModuleEntryLength(StateKey key, StateValue value) => 5 + key.Length + value.Bytes.Length;

    /// <summary>
    /// Writes what <see cref="ModuleEntry"/> returns into <paramref name="destination"/> (<see cref="ModuleEntryLength"/>
    /// bytes), so a block touching many keys hashes them without an allocation each.
    /// </summary>
    public static void WriteModuleEntry(Span<byte> destination, StateKey key, StateValue value)
    {
        var bytes = value.Bytes;
        if (key.Length > ushort.MaxValue || bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a variable-length field holds at most {ushort.MaxValue} bytes", nameof(value));
        }

        destination[0] = ModuleEntryTag;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)key.Length);
        key.Bytes.CopyTo(destination[3..]);
        var offset = 3 + key.Length;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(destination[offset..], (ushort)bytes.Length);
        bytes.CopyTo(destination[(offset + 2)..]);
    }
}
