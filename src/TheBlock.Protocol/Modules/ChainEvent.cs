using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// Something a block did that readers care about beyond balances (e.g. a disbursement moved from one state to
/// another). Modules define their events and how each encodes (<see cref="IEventType"/>); the block header's receipts
/// root commits to them, storage keeps them per block, and indexes, metrics and <c>tx.status</c> read them instead of
/// diffing state.
/// </summary>
public abstract record ChainEvent
{
    /// <summary>The snake_case event name: unique across the chain's modules, stored, shown in transaction results.</summary>
    public abstract string Name { get; }

    /// <summary>One line an operator can read, e.g. "created disbursement 7".</summary>
    public abstract string Describe();

    /// <summary>The event's canonical bytes (without its name), as its <see cref="IEventType"/> reads them back.</summary>
    public abstract void Write(CanonicalWriter writer);
}
