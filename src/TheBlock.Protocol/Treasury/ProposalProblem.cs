namespace TheBlock.Protocol.Treasury;

/// <summary>One thing wrong with a proposal: the payload field at fault, a reason code, and a sentence.</summary>
public sealed record ProposalProblem(string Field, string Reason, string Message);
