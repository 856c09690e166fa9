namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>Either the audit or why its range was refused (a bad request, not a failed audit).</summary>
public sealed record SettlementAuditOutcome(SettlementAuditResult? Audit, AuditRangeProblem? Problem);
