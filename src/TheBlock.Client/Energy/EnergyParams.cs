namespace TheBlock.Client.Energy;

/// <summary>Params of <c>energy.provider.show</c>.</summary>
public sealed record ProviderShowParams(string ProviderId);

/// <summary>Params of <c>energy.credits.list</c>: optional status and provider filters, a page size and the previous page's <c>next_before_id</c>.</summary>
public sealed record CreditListParams(string? Status = null, string? Provider = null, int? Limit = null, ulong? BeforeId = null);

/// <summary>Params of <c>energy.disputes.list</c>: <c>open</c> or <c>resolved</c>, and a page size.</summary>
public sealed record DisputeListParams(string? Status = null, int? Limit = null);

/// <summary>Params of <c>energy.disputes.show</c>.</summary>
public sealed record DisputeShowParams(ulong Id);

/// <summary>Params of <c>energy.disputes.resolve</c>: the dispute and <c>upheld</c> or <c>rejected</c>.</summary>
public sealed record DisputeResolveParams(ulong Id, string Outcome);

/// <summary>Params of <c>energy.escrow.show</c>: the offtaker's address.</summary>
public sealed record EscrowShowParams(string Address);
