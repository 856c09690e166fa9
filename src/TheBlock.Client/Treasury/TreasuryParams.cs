using System.Text.Json;

namespace TheBlock.Client.Treasury;

/// <summary>Params of <c>gov.treasury.list</c>: an optional state filter, the previous page's cursor and a page size.</summary>
public sealed record DisbursementListParams(string? Status = null, ulong? AfterId = null, int? Limit = null);

/// <summary>Params of <c>gov.treasury.show</c>: exactly one of the id and the hash of the creating transaction.</summary>
public sealed record DisbursementShowParams(ulong? Id = null, string? TxHash = null);

/// <summary>Params of <c>gov.treasury.rollback</c>: the disbursement and why, recorded on chain.</summary>
public sealed record DisbursementRollbackParams(ulong Id, string Reason);

/// <summary>Params of <c>gov.disburse.preview</c>: the proposal payload object as written in its file (docs/TREASURY.md).</summary>
public sealed record DisbursementPreviewParams(JsonElement Proposal);

/// <summary>Params of <c>audit.settlement</c>: the epoch range, each end defaulted by the node when absent.</summary>
public sealed record SettlementAuditParams(ulong? FromEpoch = null, ulong? ToEpoch = null);

/// <summary>Params of <c>debug.fault.set</c>: the fault's name and whether to switch it on (the default) or off.</summary>
public sealed record FaultSetParams(string Fault, bool? Active = null);
