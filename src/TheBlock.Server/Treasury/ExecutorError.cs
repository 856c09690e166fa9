namespace TheBlock.Server.Treasury;

/// <summary>One failure in a tick: a reason code of <see cref="ExecutorReasons"/>, the disbursement it concerns (if one), and a sentence.</summary>
public sealed record ExecutorError(string Reason, ulong? DisbursementId, string Detail);
