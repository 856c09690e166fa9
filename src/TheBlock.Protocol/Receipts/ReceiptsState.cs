using System.Buffers.Binary;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// Where the service markets keep their state under their prefix: providers and their nonce windows (keyed by market
/// and provider id), agreements (by id), and the agreement counter. Receipts themselves are not state: they live in
/// the blocks (the batch carries the signed claims, its event the payments) and the storage index.
/// </summary>
public static class ReceiptsState
{
    public const byte Prefix = 4;
    private const byte CountersTag = (byte)'n';
    private const byte ProviderTag = (byte)'p';
    private const byte WindowTag = (byte)'w';
    private const byte AgreementTag = (byte)'a';

    /// <summary>Holds market providers' stakes.</summary>
    public static SystemBalanceKey StakeAccount { get; } = new(ReceiptsModule.StakeAccount, SubLedger.Ct);

    /// <summary>Holds agreements' deposits, which receipts draw from.</summary>
    public static SystemBalanceKey EscrowAccount { get; } = new(ReceiptsModule.EscrowAccount, SubLedger.Ct);

    internal static StateKey CountersKey { get; } = StateKey.Of(Prefix, CountersTag);

    internal static StateKey ProviderPrefix { get; } = StateKey.Of(Prefix, ProviderTag);

    internal static StateKey AgreementPrefix { get; } = StateKey.Of(Prefix, AgreementTag);

    public static StateKey ProviderKey(ServiceMarket market, string providerId) => Keyed(ProviderTag, market, providerId);

    public static StateKey WindowKey(ServiceMarket market, string providerId) => Keyed(WindowTag, market, providerId);

    public static StateKey AgreementKey(ulong id) => StateKey.Of(Prefix, AgreementTag, id);

    private static StateKey Keyed(byte tag, ServiceMarket market, string providerId)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(providerId);
        var bytes = new byte[3 + id.Length];
        bytes[0] = Prefix;
        bytes[1] = tag;
        bytes[2] = (byte)market;
        id.CopyTo(bytes, 3);
        return StateKey.FromBytes(bytes);
    }

    extension(IStateReader state)
    {
        /// <summary>The id the next agreement gets (from 1).</summary>
        public ulong NextAgreementId => state.Get(CountersKey) is { } value ? BinaryPrimitives.ReadUInt64LittleEndian(value.Bytes) : 1;

        public MarketProvider? GetMarketProvider(ServiceMarket market, string providerId) =>
            state.Get(ProviderKey(market, providerId))?.As(MarketProvider.Decode);

        public IEnumerable<MarketProvider> MarketProviders() => state.Scan(ProviderPrefix).Select(pair => pair.Value.As(MarketProvider.Decode));

        public NonceWindow NonceWindowOf(ServiceMarket market, string providerId) =>
            state.Get(WindowKey(market, providerId))?.As(NonceWindow.Decode) ?? NonceWindow.Empty;

        public Agreement? GetAgreement(ulong id) => state.Get(AgreementKey(id))?.As(Agreement.Decode);

        public IEnumerable<Agreement> Agreements() => state.Scan(AgreementPrefix).Select(pair => pair.Value.As(Agreement.Decode));
    }
}
