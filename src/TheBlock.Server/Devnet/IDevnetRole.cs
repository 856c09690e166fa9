using System.CommandLine;
using TheBlock.Server.Node;

namespace TheBlock.Server.Devnet;

/// <summary>
/// A role the devnet runs beside its node in the same process (the energy oracle, later the receipt emitter): it adds
/// its own flags to <c>the-block devnet</c>, starts once the node listens, reaches the node the way a separate process
/// would (its JSON-RPC and token files), and stops with the devnet. <see cref="Commands.ServerRoles"/> lists them.
/// </summary>
public interface IDevnetRole
{
    string Name { get; }

    /// <summary>The role's flags on <c>the-block devnet</c> (e.g. where it listens).</summary>
    IReadOnlyList<Option> Options { get; }

    /// <summary>The URL other processes reach the role at, recorded in the devnet's endpoints file.</summary>
    string Endpoint(NodeOptions node, ParseResult parse);

    /// <summary>The host:port of the role's /metrics listener, which the devnet's Prometheus configuration scrapes.</summary>
    string MetricsListen(NodeOptions node, ParseResult parse);

    /// <summary>The banner lines naming where the role listens and logs.</summary>
    IEnumerable<string> Describe(NodeOptions node, ParseResult parse);

    Task<IAsyncDisposable> StartAsync(NodeOptions node, ParseResult parse, CancellationToken cancellationToken);
}
