namespace TheBlock.Server.Treasury;

/// <summary>
/// One failure in a tick: a reason code of <see cref="ExecutorReasons"/>, the disbursement it concerns (if one), a
/// sentence, and the exception behind it when the failure was one (logged with the <c>DisbursementError</c> line).
/// </summary>
public sealed record ExecutorError(string Reason, ulong? DisbursementId, string Detail, Exception? Cause = null);
