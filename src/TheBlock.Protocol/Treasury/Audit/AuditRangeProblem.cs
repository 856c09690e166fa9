namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>Why an audit range cannot be audited: <see cref="Param"/> names the request field, the message says what was expected.</summary>
public sealed record AuditRangeProblem(string Param, string Message);
