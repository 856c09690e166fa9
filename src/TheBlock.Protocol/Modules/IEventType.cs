using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Modules;

/// <summary>How one named event decodes from its canonical bytes.</summary>
public interface IEventType
{
    string Name { get; }

    ChainEvent Read(ref CanonicalReader reader);
}

/// <summary>Decodes an event of type <typeparamref name="TEvent"/> from its canonical bytes.</summary>
public delegate TEvent EventReader<out TEvent>(ref CanonicalReader reader)
    where TEvent : ChainEvent;

/// <summary>An event type built from its name and reader, so a module declares each in one line.</summary>
public sealed class EventType<TEvent>(string name, EventReader<TEvent> read) : IEventType
    where TEvent : ChainEvent
{
    public string Name { get; } = name;

    public ChainEvent Read(ref CanonicalReader reader) => read(ref reader);
}
