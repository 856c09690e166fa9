using System.Security.Cryptography;
using TheBlock.Client;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Node;

/// <summary>Where a node keeps things under its data directory.</summary>
public static class NodeDataDirectory
{
    public static string DatabasePath(string dataDir) => Path.Combine(dataDir, "chain.db");

    public static string GenesisPath(string dataDir) => Path.Combine(dataDir, "genesis.json");

    public static string ValidatorKeyPath(string dataDir) => Path.Combine(dataDir, "keys", "validator.key");

    public static string SecretsDirectory(string dataDir) => Path.Combine(dataDir, "secrets");

    public static string TokenPath(string dataDir, RpcRole role) =>
        Path.Combine(SecretsDirectory(dataDir), role.ToString().ToLowerInvariant() + ".token");

    public static IReadOnlyList<RpcRole> TokenRoles { get; } = [RpcRole.Admin, RpcRole.Oracle, RpcRole.Emitter];

    /// <summary>Creates any missing token file (random, 0600); an existing one is kept.</summary>
    public static void EnsureTokens(string dataDir, string? adminToken = null)
    {
        foreach (var role in TokenRoles)
        {
            var path = TokenPath(dataDir, role);
            if (File.Exists(path))
            {
                continue;
            }

            var token = role == RpcRole.Admin && adminToken is not null ? adminToken : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            SecretFile.Write(path, token + "\n");
        }
    }

    private const UnixFileMode OthersMayAccess =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// The tokens the node accepts, read from the secrets directory. A token file other users may read or write
    /// stops start-up: its token must be taken as leaked, and serving with it would hide that.
    /// </summary>
    public static RpcTokens LoadTokens(string dataDir)
    {
        var tokens = new Dictionary<RpcRole, string>();
        foreach (var role in TokenRoles)
        {
            var path = TokenPath(dataDir, role);
            if (File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersMayAccess) != 0)
            {
                throw new StartupException($"{path} may be read or written by other users; a token must be readable only by its owner: chmod 600 {path}");
            }

            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token)
            {
                tokens[role] = token;
            }
        }

        return new RpcTokens(tokens);
    }
}
