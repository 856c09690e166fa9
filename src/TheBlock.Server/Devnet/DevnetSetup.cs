using TheBlock.Client;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Storage;

namespace TheBlock.Server.Devnet;

/// <summary>
/// Creates a devnet on first start (validator key, dev keys, tokens, genesis, block 0) and, on every start, makes
/// sure the CLI's token and default key exist under ~/.config/the-block. An existing CLI key or token is adopted,
/// never overwritten without --force: the new chain funds that key and accepts that token.
/// </summary>
public static class DevnetSetup
{
    public static void Prepare(DevnetOptions options, TimeProvider time, TextWriter output)
    {
        var dataDir = options.DataDir;
        var databasePath = NodeDataDirectory.DatabasePath(dataDir);
        if (File.Exists(databasePath))
        {
            CheckFlagsMatchChain(options, databasePath);
        }
        else
        {
            Create(options, time, output);
        }

        ShareCredentialsWithCli(dataDir, options.Force, output);
    }

    private static void Create(DevnetOptions options, TimeProvider time, TextWriter output)
    {
        var dataDir = options.DataDir;
        Directory.CreateDirectory(dataDir);
        var validatorPath = NodeDataDirectory.ValidatorKeyPath(dataDir);
        var validatorSeed = File.Exists(validatorPath) ? KeyFile.Read(validatorPath) : KeyFile.Generate(validatorPath);

        var cliKey = RpcEndpoint.DefaultKeyFile;
        var devSeeds = new List<byte[]>();
        for (var index = 1; index <= DevnetLayout.DevAccountCount; index++)
        {
            var path = DevnetLayout.DevKeyPath(dataDir, index);
            if (index == 1 && File.Exists(cliKey) && !options.Force)
            {
                KeyFile.Write(path, KeyFile.Read(cliKey), overwrite: true);
                output.WriteLine($"Funding the existing CLI key {cliKey} as dev account 1.");
            }
            else if (!File.Exists(path))
            {
                KeyFile.Generate(path);
            }

            devSeeds.Add(KeyFile.Read(path));
        }

        var tokenFile = RpcEndpoint.DefaultTokenFile;
        var adoptedToken = File.Exists(tokenFile) && !options.Force ? File.ReadAllText(tokenFile).Trim() : null;
        NodeDataDirectory.EnsureTokens(dataDir, string.IsNullOrEmpty(adoptedToken) ? null : adoptedToken);

        using var validator = SigningKey.FromSeed(validatorSeed);
        var devAddresses = devSeeds.Select(seed =>
        {
            using var key = SigningKey.FromSeed(seed);
            return key.Address;
        }).ToList();
        var genesis = DevnetGenesis.Create(
            validator.PublicKey,
            devAddresses,
            options.EpochLength ?? DevnetGenesis.DefaultEpochLength,
            options.BlockIntervalMs ?? DevnetGenesis.DefaultBlockIntervalMs,
            (ulong)time.GetUtcNow().ToUnixTimeMilliseconds(),
            cascadeRollback: !options.NoCascadeRollback,
            options.ModuleParameters);
        ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        output.WriteLine($"Created devnet chain in {Path.GetFullPath(dataDir)}.");
    }

    private static void CheckFlagsMatchChain(DevnetOptions options, string databasePath)
    {
        using var database = ChainDatabase.Open(databasePath);
        if (!database.IsInitialized)
        {
            throw new StartupException($"{databasePath} exists but holds no chain; remove {options.DataDir} to start a new devnet");
        }

        var genesis = GenesisFile.Parse(database.GenesisJson);
        if (options.EpochLength is { } epochLength && epochLength != genesis.Parameters.EpochLength)
        {
            throw new StartupException(
                $"--epoch-length {epochLength} differs from this chain's genesis ({genesis.Parameters.EpochLength}); epochs are fixed at genesis: use a new --data-dir");
        }

        foreach (var (module, section) in options.ModuleParameters?.Sections ?? new Dictionary<string, IReadOnlyDictionary<string, ulong>>())
        {
            foreach (var (name, value) in section)
            {
                var chainValue = genesis.Modules.Sections.TryGetValue(module, out var chainSection) && chainSection.TryGetValue(name, out var set) ? (ulong?)set : null;
                if (chainValue != value)
                {
                    throw new StartupException(
                        $"--module-param {module}.{name}={value} differs from this chain's genesis ({(chainValue is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "the default")}); module parameters are fixed at genesis: use a new --data-dir");
                }
            }
        }

        if (options.NoCascadeRollback && genesis.Governance.CascadeRollback)
        {
            throw new StartupException("--no-cascade-rollback differs from this chain's genesis (cascade on); it is fixed at genesis: use a new --data-dir");
        }
    }

    private static void ShareCredentialsWithCli(string dataDir, bool force, TextWriter output)
    {
        var adminToken = File.ReadAllText(NodeDataDirectory.TokenPath(dataDir, RpcRole.Admin)).Trim();
        var tokenFile = RpcEndpoint.DefaultTokenFile;
        if (force || !File.Exists(tokenFile))
        {
            SecretFile.Write(tokenFile, adminToken + "\n");
            output.WriteLine($"Wrote the admin token to {tokenFile}.");
        }
        else if (File.ReadAllText(tokenFile).Trim() != adminToken)
        {
            output.WriteLine($"warning: {tokenFile} holds a token of another chain; contract-cli will be unauthorized here. Restart with --force to replace it.");
        }

        var devKey = KeyFile.Read(DevnetLayout.DevKeyPath(dataDir, 1));
        var keyFile = RpcEndpoint.DefaultKeyFile;
        if (force || !File.Exists(keyFile))
        {
            KeyFile.Write(keyFile, devKey, overwrite: true);
            output.WriteLine($"Wrote the funded dev key to {keyFile}.");
        }
        else if (!KeyFile.Read(keyFile).AsSpan().SequenceEqual(devKey))
        {
            output.WriteLine($"warning: {keyFile} is not funded on this devnet. Restart with --force to replace it.");
        }
    }
}
