using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Server.Node;

namespace TheBlock.Server.Devnet;

/// <summary>What a module registers so the devnet shows it live: its simulated users over the dev accounts.</summary>
public interface IDevnetTrafficSource
{
    /// <param name="signers">dev account keys the module may sign with (never the CLI's).</param>
    /// <param name="destinations">every dev account's address.</param>
    /// <summary>Commands the devnet's banner offers under "Try:", each working as printed on a fresh devnet.</summary>
    IReadOnlyList<string> TryCommands { get; }

    IDevnetTraffic Create(ChainService chain, IReadOnlyList<SigningKey> signers, IReadOnlyList<Address> destinations, ILogger log);
}
