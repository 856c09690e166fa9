namespace TheBlock.Client.Rpc;

/// <summary>How contract-cli and tools find the node and their credentials (spec/conventions.md).</summary>
public static class RpcEndpoint
{
    public const string DefaultUrl = "http://127.0.0.1:8000/rpc";
    public const string UrlVariable = "THEBLOCK_RPC_URL";
    public const string TokenVariable = "THEBLOCK_RPC_TOKEN";

    /// <summary><c>~/.config/the-block</c>, where the devnet leaves the CLI's token and default key.</summary>
    public static string ConfigDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "the-block");

    public static string DefaultTokenFile => Path.Combine(ConfigDirectory, "token");

    public static string DefaultKeyFile => Path.Combine(ConfigDirectory, "keys", "default.key");

    public static string ResolveUrl(string? flag) =>
        !string.IsNullOrWhiteSpace(flag) ? flag
        : Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : DefaultUrl;

    public static string? ResolveToken(string? flag)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return flag.Trim();
        }

        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment.Trim();
        }

        return File.Exists(DefaultTokenFile) ? File.ReadAllText(DefaultTokenFile).Trim() : null;
    }
}
