using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Energy;

/// <summary>The energy market's devnet traffic: simulated providers, meters and an offtaker (<see cref="EnergyTraffic"/>).</summary>
internal sealed class EnergyTrafficSource(NodeOptions options, TimeProvider time) : IDevnetTrafficSource
{
    public IReadOnlyList<string> TryCommands { get; } =
    [
        "contract-cli energy market | jq '.providers[] | {provider_id, status, reputation_score}'",
        "contract-cli energy credits list --status pending --limit 5 | jq '.credits[] | {credit_id, provider_id, amount_kwh}'",
        "contract-cli energy oracle keys status | jq '.oracles[] | {oracle_id, healthy}'",
    ];

    public IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log) =>
        new EnergyTraffic(chain, signers, options.DataDir, time, log);
}
