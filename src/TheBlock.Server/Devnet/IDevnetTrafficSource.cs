using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Node;

namespace TheBlock.Server.Devnet;

/// <summary>What a module registers so the devnet shows it live: its simulated users over the dev accounts.</summary>
public interface IDevnetTrafficSource
{
    /// <param name="signers">dev account keys the module may sign with (never the CLI's).</param>
    /// <param name="destinations">every dev account's address.</param>
    IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log);
}
