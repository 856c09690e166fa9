using System.CommandLine;
using System.Text.Json;
using TheBlock.Cli.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Protocol.Crypto;

namespace TheBlock.Cli.Commands.Node;

/// <summary><c>contract-cli keys …</c>: local key files; nothing here talks to the node.</summary>
internal static class KeysCommands
{
    public static Command Create(CommandRunner runner)
    {
        var keys = new Command("keys", "Signing keys (local files, base64 Ed25519 seed, mode 0600).");
        keys.Subcommands.Add(Generate(runner));
        keys.Subcommands.Add(Address(runner));
        return keys;
    }

    private static Command Generate(CommandRunner runner)
    {
        var output = new Option<string>("--out") { Description = "Where to write the new key file.", HelpName = "FILE", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing file (its key is lost)." };
        var command = new Command("generate", HelpText.WithExample(
            "Create a new random signing key and print its address.",
            "contract-cli keys generate --out ~/.config/the-block/keys/alice.key | jq -r .address"))
        {
            output,
            force,
        };
        runner.Handle(command, context =>
        {
            var path = context.Required(output);
            if (File.Exists(path) && !context.Value(force))
            {
                throw new CliException(CliErrors.Usage(CoreReasonRegistry.Cli.FileExists, $"key file {path} already exists; pass --force to replace it"));
            }

            byte[] seed;
            try
            {
                seed = KeyFile.Generate(path, overwrite: context.Value(force));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliException(CliErrors.Usage(CoreReasonRegistry.Cli.KeyWriteFailed, $"cannot write key file {path}: {ex.Message}"));
            }

            using var key = SigningKey.FromSeed(seed);
            var view = new GeneratedKeyView(key.Address.ToString(), Convert.ToBase64String(key.PublicKey), path);
            return JsonSerializer.SerializeToElement(view, CliJsonContext.Default.GeneratedKeyView);
        });
        return command;
    }

    private static Command Address(CommandRunner runner)
    {
        // The key file is the global --key, so `keys address --key F` and `--key F keys address` both work.
        var command = new Command("address", HelpText.WithExample(
            "Print the address and public key of a key file (--key FILE, else the default key).",
            "contract-cli keys address --key ~/.config/the-block/keys/alice.key | jq -r .address"));
        runner.Handle(command, context =>
        {
            using var key = context.LoadSigningKey();
            var view = new KeyView(key.Address.ToString(), Convert.ToBase64String(key.PublicKey));
            return JsonSerializer.SerializeToElement(view, CliJsonContext.Default.KeyView);
        });
        return command;
    }
}
