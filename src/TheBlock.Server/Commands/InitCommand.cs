using System.CommandLine;
using TheBlock.Client;
using TheBlock.Server.Node;

namespace TheBlock.Server.Commands;

/// <summary><c>the-block init</c>: create a node's chain database from a genesis file (for non-devnet chains).</summary>
public static class InitCommand
{
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory to create the chain in.", Required = true };
        var genesis = new Option<string>("--genesis") { Description = "Genesis JSON file.", Required = true };
        var validatorKey = new Option<string?>("--validator-key") { Description = "Validator key file to copy into <data-dir>/keys/validator.key." };
        var command = new Command("init", "Create a chain from a genesis file.\nExample: the-block init --data-dir /var/lib/the-block --genesis genesis.json --validator-key validator.key");
        command.Options.Add(dataDir);
        command.Options.Add(genesis);
        command.Options.Add(validatorKey);
        command.SetAction((parse, _) => ServerCommand.RunAsync(() =>
        {
            var directory = parse.GetValue(dataDir)!;
            var genesisPath = parse.GetValue(genesis)!;
            if (!File.Exists(genesisPath))
            {
                throw new StartupException($"--genesis: {genesisPath} does not exist");
            }

            var keyTarget = NodeDataDirectory.ValidatorKeyPath(directory);
            if (parse.GetValue(validatorKey) is { } keySource)
            {
                KeyFile.Write(keyTarget, KeyFile.Read(keySource));
            }
            else if (!File.Exists(keyTarget))
            {
                throw new StartupException($"no validator key: pass --validator-key FILE (create one with `contract-cli keys generate --out FILE`) or place it at {keyTarget}");
            }

            Directory.CreateDirectory(directory);
            ChainInitializer.Initialize(directory, File.ReadAllBytes(genesisPath));
            Console.Out.WriteLine($"Initialized chain in {Path.GetFullPath(directory)}; start it with `the-block node --data-dir {directory}`.");
            return Task.CompletedTask;
        }));
        return command;
    }
}
