namespace TheBlock.Server.Devnet;

/// <summary>Where a devnet keeps its keys under the data directory.</summary>
public static class DevnetLayout
{
    public const int DevAccountCount = 4;

    /// <summary>dev-1 is the CLI's default key; the simulator sends from the others so their nonces never race.</summary>
    public static string DevKeyPath(string dataDir, int index) => Path.Combine(dataDir, "keys", $"dev-{index}.key");
}
