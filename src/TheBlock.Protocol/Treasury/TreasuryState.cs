using System.Buffers.Binary;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury;

/// <summary>
/// Where the treasury module keeps its state under its prefix, and how to read it from the committed state or a
/// block in progress alike. Disbursements that are not final are kept whole (the end-of-block step walks them every
/// block); final ones under their own tag, so the root still commits to every disbursement ever made while the
/// step walks only the live ones.
/// </summary>
public static class TreasuryState
{
    public const byte Prefix = 2;
    private const byte NextIdTag = (byte)'n';
    private const byte LeaseTag = (byte)'l';
    private const byte ActiveTag = (byte)'a';
    private const byte FinalTag = (byte)'f';

    internal static StateKey NextIdKey { get; } = StateKey.Of(Prefix, NextIdTag);

    internal static StateKey LeaseKey { get; } = StateKey.Of(Prefix, LeaseTag);

    internal static StateKey ActivePrefix { get; } = StateKey.Of(Prefix, ActiveTag);

    internal static StateKey FinalPrefix { get; } = StateKey.Of(Prefix, FinalTag);

    public static StateKey ActiveKey(ulong id) => StateKey.Of(Prefix, ActiveTag, id);

    public static StateKey FinalKey(ulong id) => StateKey.Of(Prefix, FinalTag, id);

    internal static TreasuryBalances EscrowOf(IStateReader state) => new(
        state.SystemBalance(new SystemBalanceKey(TreasuryModule.EscrowAccount, SubLedger.Ct)),
        state.SystemBalance(new SystemBalanceKey(TreasuryModule.EscrowAccount, SubLedger.It)));

    internal static StateValue EncodeId(ulong id)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, id);
        return StateValue.FromBytes(bytes);
    }

    internal static Disbursement DecodeDisbursement(byte[] bytes) => Disbursement.Decode(bytes);

    extension(IStateReader state)
    {
        /// <summary>The id the next created disbursement gets.</summary>
        public ulong NextDisbursementId => state.Get(NextIdKey) is { } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Bytes) : 1;

        public ExecutorLease? Lease => state.Get(LeaseKey)?.As(bytes => ExecutorLease.Decode(bytes));

        /// <summary>What <c>treasury_escrow</c> holds, per sub-ledger.</summary>
        public TreasuryBalances Escrow => EscrowOf(state);

        /// <summary>The current version of a disbursement that is not final, else null.</summary>
        public Disbursement? GetDisbursement(ulong id) => state.Get(ActiveKey(id))?.As(DecodeDisbursement);

        /// <summary>Every disbursement that is not final, by id.</summary>
        public IEnumerable<Disbursement> ActiveDisbursements() =>
            state.Scan(ActivePrefix).Select(pair => pair.Value.As(DecodeDisbursement));

        /// <summary>The state of any existing disbursement; null when the id does not exist.</summary>
        public DisbursementState? StateOf(ulong id) =>
            state.GetDisbursement(id) is { } active ? active.State
            : state.Get(FinalKey(id)) is { } final ? final.As(DecodeDisbursement).State
            : null;
    }
}
