using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>The energy market's devnet traffic: simulated providers, meters and an offtaker (<see cref="EnergyTraffic"/>).</summary>
internal sealed class EnergyTrafficSource(NodeOptions options, TimeProvider time) : IDevnetTrafficSource
{
    public IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log) =>
        new EnergyTraffic(chain, signers, options.DataDir, time, log);
}
