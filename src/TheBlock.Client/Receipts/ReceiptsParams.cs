namespace TheBlock.Client.Receipts;

/// <summary>Params of <c>receipts.stats</c>: a market name, or <c>all</c>.</summary>
public sealed record ReceiptStatsParams(string Market);

/// <summary>
/// Params of <c>receipts.list</c>: optional market, provider and lowest block filters, a page size, and the previous
/// page's <c>next_cursor</c> (newest first).
/// </summary>
public sealed record ReceiptListParams(string? Market = null, string? Provider = null, ulong? FromBlock = null, int? Limit = null, string? Cursor = null);

/// <summary>Params of <c>receipts.show</c>: the receipt id (64 hex digits).</summary>
public sealed record ReceiptShowParams(string Id);

/// <summary>Params of <c>receipts.validate</c>: the committed blocks to re-check; <c>to_block</c> defaults to the head.</summary>
public sealed record ReceiptValidateParams(ulong FromBlock, ulong? ToBlock = null);

/// <summary>Params of <c>market.providers.list</c>: an optional market.</summary>
public sealed record MarketProvidersParams(string? Market = null);

/// <summary>Params of <c>market.agreement.show</c>.</summary>
public sealed record AgreementShowParams(ulong AgreementId);

/// <summary>
/// Params of <c>debug.receipts.traffic.set</c>: whether the devnet's simulated providers post receipts or stay silent, and
/// whether each good receipt is followed by a badly signed one. A field left out keeps its current value.
/// </summary>
public sealed record ReceiptsTrafficParams(bool? Active = null, bool? BadSignatures = null);
