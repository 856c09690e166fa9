using TheBlock.Client.Energy;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Energy;

/// <summary>The energy market's records as the wire shows them (docs/ENERGY.md, "Commands and RPC"): scores as fractions from 0 to 1.</summary>
public static class EnergyViews
{
    public static ReputationView ToView(Reputation reputation) => new(
        Reputation.Fraction(reputation.CompositePpm),
        Reputation.Fraction(reputation.DeliveryPpm),
        Reputation.Fraction(reputation.MeterPpm),
        Reputation.Fraction(reputation.LatencyPpm),
        Reputation.Fraction(reputation.CapacityPpm),
        Reputation.Fraction(reputation.ConfidencePpm),
        reputation.Evidence);

    public static MarketProviderView ToMarketView(Provider provider) => ToMarketView(provider, address => address.ToString());

    /// <param name="text">an address's bech32 text; the market cache passes a memo, since encoding is most of a view's cost.</param>
    public static MarketProviderView ToMarketView(Provider provider, Func<Address, string> text) => new(
        provider.ProviderId,
        text(provider.Owner),
        ProviderStatuses.Name(provider.Status),
        Reputation.Fraction(provider.Reputation.CompositePpm),
        ToView(provider.Reputation),
        provider.CapacityKwh,
        provider.PricePerKwh,
        provider.Jurisdiction,
        text(provider.Offtaker),
        provider.Stake,
        provider.OpenCredits,
        provider.SettledKwh,
        provider.LastSettlement);

    public static ProviderView ToView(Provider provider, ulong offtakerEscrow) => new(
        provider.ProviderId,
        provider.Owner.ToString(),
        ProviderStatuses.Name(provider.Status),
        Reputation.Fraction(provider.Reputation.CompositePpm),
        ToView(provider.Reputation),
        Convert.ToBase64String(provider.PublicKey.Span),
        provider.KeySinceHeight,
        provider.Meters,
        provider.CapacityKwh,
        provider.PricePerKwh,
        provider.Jurisdiction,
        provider.Offtaker.ToString(),
        offtakerEscrow,
        provider.Stake,
        provider.OpenCredits,
        provider.SettledKwh,
        provider.SlashedTotal,
        provider.UpheldDisputes,
        provider.LastSettlement,
        provider.LastReadingAt,
        provider.RegisteredHeight,
        provider.RegisteredAt,
        provider.UpdatedAt);

    public static CreditView ToView(Credit credit) => new(
        credit.CreditId,
        credit.ProviderId,
        credit.Meter,
        credit.AmountKwh,
        credit.PricePerKwh,
        credit.ReadingTimestamp,
        credit.CreatedAt,
        credit.CreatedHeight,
        CreditStatuses.Name(credit.Status),
        credit.SettledAt,
        credit.SettledHeight,
        credit.ReceiptId,
        credit.Payment,
        credit.Fee,
        credit.DisputeId,
        credit.ClosedAt);

    public static DisputeView ToView(Dispute dispute) => new(
        dispute.DisputeId,
        dispute.CreditId,
        dispute.ProviderId,
        dispute.Reason,
        dispute.OpenedBy.ToString(),
        dispute.StatusName,
        dispute.OutcomeName,
        dispute.OpenedAt,
        dispute.ResolvedAt,
        dispute.Slashed);

    public static DisputeDetail ToDetail(Dispute dispute, Credit? credit) => new(
        dispute.DisputeId,
        dispute.CreditId,
        dispute.ProviderId,
        dispute.Reason,
        dispute.OpenedBy.ToString(),
        dispute.StatusName,
        dispute.OutcomeName,
        dispute.OpenedAt,
        dispute.ResolvedAt,
        dispute.Slashed,
        credit is null ? null : ToView(credit),
        new DisputeEvidence(dispute.Meter, dispute.AmountKwh, dispute.ReadingTimestamp, dispute.OpenedHeight, dispute.ResolvedBy?.ToString(), dispute.ResolvedHeight));
}
