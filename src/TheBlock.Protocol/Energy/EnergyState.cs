using System.Buffers.Binary;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// Where the energy module keeps its state under its prefix, and how to read it from the committed state or a block in
/// progress alike. Only open credits (pending or disputed) are state, oldest first: a credit that becomes final leaves
/// the state, and its final record lives on in the block's events and the storage tables.
/// </summary>
public static class EnergyState
{
    public const byte Prefix = 3;
    private const byte CountersTag = (byte)'n';
    private const byte ProviderTag = (byte)'p';
    private const byte MeterTag = (byte)'m';
    private const byte OpenCreditTag = (byte)'c';
    private const byte DisputeTag = (byte)'d';
    private const byte EscrowTag = (byte)'e';

    /// <summary>The two system accounts the market holds funds in, each on the ct sub-ledger.</summary>
    public static SystemBalanceKey StakeAccount { get; } = new(EnergyModule.StakeAccount, SubLedger.Ct);

    public static SystemBalanceKey EscrowAccount { get; } = new(EnergyModule.EscrowAccount, SubLedger.Ct);

    internal static StateKey CountersKey { get; } = StateKey.Of(Prefix, CountersTag);

    internal static StateKey ProviderPrefix { get; } = StateKey.Of(Prefix, ProviderTag);

    internal static StateKey OpenCreditPrefix { get; } = StateKey.Of(Prefix, OpenCreditTag);

    internal static StateKey DisputePrefix { get; } = StateKey.Of(Prefix, DisputeTag);

    internal static StateKey EscrowPrefix { get; } = StateKey.Of(Prefix, EscrowTag);

    public static StateKey ProviderKey(string providerId) => Tagged(ProviderTag, System.Text.Encoding.UTF8.GetBytes(providerId));

    /// <summary>Meter heads are keyed by a hash of provider and meter, so two 128-byte ids still make a short key.</summary>
    public static StateKey MeterKey(string providerId, string meter)
    {
        var provider = System.Text.Encoding.UTF8.GetBytes(providerId);
        var meterBytes = System.Text.Encoding.UTF8.GetBytes(meter);
        var material = new byte[4 + provider.Length + meterBytes.Length];
        BinaryPrimitives.WriteInt32BigEndian(material, provider.Length);
        provider.CopyTo(material, 4);
        meterBytes.CopyTo(material, 4 + provider.Length);
        return Tagged(MeterTag, Hash32.Sha256(material).ToArray());
    }

    public static StateKey OpenCreditKey(ulong id) => StateKey.Of(Prefix, OpenCreditTag, id);

    public static StateKey DisputeKey(ulong id) => StateKey.Of(Prefix, DisputeTag, id);

    public static StateKey EscrowKey(Address offtaker) => Tagged(EscrowTag, offtaker.ToArray());

    private static StateKey Tagged(byte tag, ReadOnlySpan<byte> rest)
    {
        var bytes = new byte[2 + rest.Length];
        bytes[0] = Prefix;
        bytes[1] = tag;
        rest.CopyTo(bytes.AsSpan(2));
        return StateKey.FromBytes(bytes);
    }

    internal static StateValue EncodeU64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return StateValue.FromBytes(bytes);
    }

    internal static ulong DecodeU64(StateValue value) => BinaryPrimitives.ReadUInt64LittleEndian(value.Bytes);

    extension(IStateReader state)
    {
        public EnergyCounters EnergyCounters => state.Get(CountersKey)?.As(EnergyCounters.Decode) ?? EnergyCounters.Initial;

        public Provider? GetProvider(string providerId) => state.Get(ProviderKey(providerId))?.As(Provider.Decode);

        public IEnumerable<Provider> Providers() => state.Scan(ProviderPrefix).Select(pair => pair.Value.As(Provider.Decode));

        public MeterHead? GetMeterHead(string providerId, string meter) => state.Get(MeterKey(providerId, meter))?.As(MeterHead.Decode);

        /// <summary>A credit that is pending or disputed, else null.</summary>
        public Credit? GetOpenCredit(ulong id) => state.Get(OpenCreditKey(id))?.As(Credit.Decode);

        /// <summary>Pending and disputed credits, oldest first.</summary>
        public IEnumerable<Credit> OpenCredits() => state.Scan(OpenCreditPrefix).Select(pair => pair.Value.As(Credit.Decode));

        public Dispute? GetDispute(ulong id) => state.Get(DisputeKey(id))?.As(Dispute.Decode);

        public IEnumerable<Dispute> Disputes() => state.Scan(DisputePrefix).Select(pair => pair.Value.As(Dispute.Decode));

        /// <summary>What <paramref name="offtaker"/> has in the energy escrow.</summary>
        public ulong EscrowOf(Address offtaker) => state.Get(EscrowKey(offtaker)) is { } value ? DecodeU64(value) : 0;

        public IEnumerable<(Address Offtaker, ulong Amount)> Escrows() =>
            state.Scan(EscrowPrefix).Select(pair => (new Address(pair.Key.Bytes[2..]), DecodeU64(pair.Value)));
    }
}
