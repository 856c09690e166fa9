namespace TheBlock.Protocol.Modules;

/// <summary>An event and the transaction (index in its block) that caused it; null when the end-of-block step did.</summary>
public readonly record struct EmittedEvent(int? TransactionIndex, ChainEvent Event);
