using System.Text.Json;
using TheBlock.Protocol.Modules;

namespace TheBlock.Server.Node;

/// <summary>A module's JSON view of its events, for <c>tx.status</c>; null for an event it does not know or has nothing to show for.</summary>
public interface IEventViewSource
{
    JsonElement? View(ChainEvent chainEvent);
}
