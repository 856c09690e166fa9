namespace TheBlock.Client.Core;

/// <summary>What contract-cli prints on stderr when anything fails: <c>{"error":{"code","reason","message"}}</c>.</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(int Code, string Reason, string Message);
