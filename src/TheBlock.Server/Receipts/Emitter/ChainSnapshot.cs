using System.Collections.Frozen;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// What the emitter validates against, as of one <c>receipts.emitter.sync</c>: the providers' keys and the open
/// agreements at head <see cref="Height"/>, in the protocol's own records so <see cref="ReceiptCheck"/> reads them as
/// the node does. Fields the sync does not carry (owner, buyer, stake) are left empty: no check reads them.
/// </summary>
public sealed record ChainSnapshot(
    ulong Height,
    FrozenDictionary<(ServiceMarket Market, string ProviderId), MarketProvider> Providers,
    FrozenDictionary<ulong, Agreement> Agreements,
    DateTimeOffset SyncedAt)
{
    public MarketProvider? Provider(MarketReceipt receipt) =>
        receipt.Market is { } market ? Providers.GetValueOrDefault((market, receipt.ProviderId)) : null;

    public Agreement? Agreement(ulong agreementId) => Agreements.GetValueOrDefault(agreementId);

    public static ChainSnapshot From(EmitterSyncResult sync, DateTimeOffset syncedAt)
    {
        var providers = new Dictionary<(ServiceMarket, string), MarketProvider>();
        foreach (var key in sync.Providers)
        {
            if (ServiceMarkets.TryParse(key.Market, out var market) && DecodeKey(key.PublicKey) is { } publicKey)
            {
                providers[(market.Value, key.ProviderId)] = new MarketProvider
                {
                    Market = market.Value,
                    ProviderId = key.ProviderId,
                    Owner = default(Address),
                    PublicKey = publicKey,
                    Stake = 0,
                    RegisteredHeight = 0,
                    RegisteredAt = 0,
                };
            }
        }

        var agreements = new Dictionary<ulong, Agreement>();
        foreach (var open in sync.Agreements)
        {
            if (ServiceMarkets.TryParse(open.Market, out var market))
            {
                agreements[open.AgreementId] = new Agreement
                {
                    AgreementId = open.AgreementId,
                    Market = market.Value,
                    ProviderId = open.ProviderId,
                    Buyer = default(Address),
                    UnitPrice = open.UnitPrice,
                    Deposit = open.Deposit,
                    Paid = 0,
                    Units = 0,
                    Receipts = 0,
                    Status = AgreementStatus.Open,
                    OpenedHeight = 0,
                    OpenedAt = 0,
                };
            }
        }

        return new ChainSnapshot(sync.Height, providers.ToFrozenDictionary(), agreements.ToFrozenDictionary(), syncedAt);
    }

    /// <summary>A provider key as the node writes it: base64 (as <c>market provider register --public-key</c> takes it), or hex.</summary>
    private static byte[]? DecodeKey(string text)
    {
        var buffer = new byte[Protocol.Crypto.Ed25519.PublicKeySize];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written == buffer.Length)
        {
            return buffer;
        }

        try
        {
            var hex = Convert.FromHexString(text);
            return hex.Length == buffer.Length ? hex : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
