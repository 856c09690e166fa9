namespace TheBlock.Client.Receipts;

/// <summary>A provider registered in a service market.</summary>
public sealed record MarketProviderView(string Market, string ProviderId, string Owner, string PublicKey, ulong Stake, ulong RegisteredHeight, ulong RegisteredAt);

/// <summary>Result of <c>market.providers.list</c>.</summary>
public sealed record MarketProviderList(IReadOnlyList<MarketProviderView> Providers);

/// <summary>A service agreement (spec/receipts.md): <see cref="Deposit"/> is what is left to pay receipts from.</summary>
public sealed record AgreementView(
    ulong AgreementId,
    string Market,
    string ProviderId,
    string Buyer,
    ulong UnitPrice,
    ulong Deposit,
    ulong Paid,
    ulong Units,
    ulong Receipts,
    string Status,
    ulong OpenedHeight,
    ulong OpenedAt,
    ulong? ClosedAt,
    ulong? Refunded);
