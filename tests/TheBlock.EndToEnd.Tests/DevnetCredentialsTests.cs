using TheBlock.Client;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;

namespace TheBlock.EndToEnd.Tests;

/// <summary>The devnet shares its credentials with contract-cli without ever overwriting the operator's own.</summary>
public sealed class DevnetCredentialsTests
{
    [Fact]
    public async Task An_existing_cli_key_and_token_are_adopted_funded_and_left_untouched()
    {
        byte[] seed = [];
        const string token = "operator-chosen-token";
        await using var devnet = await DevnetProcess.StartAsync(
            home =>
            {
                seed = KeyFile.Generate(Path.Combine(home, ".config", "the-block", "keys", "default.key"));
                SecretFile.Write(Path.Combine(home, ".config", "the-block", "token"), token + "\n");
            },
            "--no-simulator");
        using var key = SigningKey.FromSeed(seed);

        var account = await devnet.CliJson("node", "ledger", "inspect", "--account", key.Address.ToString());
        Assert.Equal(1_000_000_000UL, account.GetProperty("balance").GetUInt64());
        Assert.Equal(seed, KeyFile.Read(Path.Combine(devnet.Home, ".config", "the-block", "keys", "default.key")));
        Assert.Equal(token, File.ReadAllText(Path.Combine(devnet.DataDir, "secrets", "admin.token")).Trim());

        // The adopted token is the admin token: it may pause the executor.
        var paused = await devnet.CliJson("gov", "treasury", "executor", "pause");
        Assert.True(paused.GetProperty("paused").GetBoolean());
        var transfer = await devnet.CliJson("tx", "transfer", "--to", key.Address.ToString(), "--amount", "1");
        Assert.Equal("committed", transfer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_token_of_another_chain_is_kept_and_the_devnet_says_so()
    {
        await using var first = await DevnetProcess.StartAsync("--no-simulator");
        await first.StopAsync();
        var tokenFile = Path.Combine(first.Home, ".config", "the-block", "token");
        SecretFile.Write(tokenFile, "token-of-another-chain\n");

        await first.RestartAsync();

        Assert.Contains("holds a token of another chain", first.Output, StringComparison.Ordinal);
        Assert.Equal("token-of-another-chain", File.ReadAllText(tokenFile).Trim());
        var refused = await first.Cli("gov", "treasury", "executor", "pause");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("unauthorized", refused.Stderr, StringComparison.Ordinal);
    }
}
