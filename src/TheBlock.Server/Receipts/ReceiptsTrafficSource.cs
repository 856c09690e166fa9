using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Devnet;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts;

/// <summary>The service markets' devnet traffic: simulated providers and a buyer (<see cref="ReceiptsTraffic"/>).</summary>
internal sealed class ReceiptsTrafficSource(NodeOptions options, TimeProvider time, EmitterRegistry emitters, ReceiptsTrafficSwitch traffic) : IDevnetTrafficSource
{
    public IReadOnlyList<string> TryCommands { get; } =
    [
        "contract-cli receipts stats --market all | jq '.markets[] | {market, emitted_total, last_emitted_height}'",
        "contract-cli receipts list --market storage --limit 3 | jq '.receipts[] | {receipt_id, provider_id, amount, block_height}'",
    ];

    public IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log) =>
        new ReceiptsTraffic(chain, signers, options.DataDir, emitters, traffic, time, log);
}
