namespace TheBlock.Client.Core;

/// <summary>The devnet's chain id, defined once: the devnet's genesis carries it and contract-cli's drills require it.</summary>
public static class DevnetChain
{
    public const string Id = "devnet";
}
