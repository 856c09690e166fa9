using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>The treasury's devnet traffic: the simulated council (<see cref="GovernanceTraffic"/>).</summary>
internal sealed class GovernanceTrafficSource : IDevnetTrafficSource
{
    public IReadOnlyList<string> TryCommands { get; } =
    [
        "contract-cli gov treasury balance | jq .executor",
        "contract-cli gov treasury list --limit 5 | jq '.disbursements[].status.state'",
    ];

    public IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log) =>
        new GovernanceTraffic(chain, signers, destinations, log);
}
