using TheBlock.Cli.Tests.Support;
using TheBlock.Client;
using TheBlock.Protocol.Crypto;

namespace TheBlock.Cli.Tests;

public sealed class KeysCommandsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Generate_writes_an_owner_only_key_file_whose_address_keys_address_prints_again()
    {
        var path = _directory.File("alice.key");

        var generated = await ContractCli.RunAsync("keys", "generate", "--out", path);

        Assert.True(generated.ExitCode == 0, generated.ToString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(path, generated.Json.GetProperty("key_file").GetString());
        using var key = SigningKey.FromSeed(KeyFile.Read(path));
        Assert.Equal(key.Address.ToString(), generated.Json.GetProperty("address").GetString());
        Assert.Equal(Convert.ToBase64String(key.PublicKey), generated.Json.GetProperty("public_key").GetString());

        var shown = await ContractCli.RunAsync("keys", "address", "--key", path);

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Equal(generated.Json.GetProperty("address").GetString(), shown.Json.GetProperty("address").GetString());
        Assert.Equal(generated.Json.GetProperty("public_key").GetString(), shown.Json.GetProperty("public_key").GetString());
        Assert.False(shown.Json.TryGetProperty("key_file", out _));
    }

    [Fact]
    public async Task Generate_refuses_to_overwrite_an_existing_file()
    {
        var path = _directory.File("alice.key");
        await ContractCli.RunAsync("keys", "generate", "--out", path);
        var before = await File.ReadAllTextAsync(path);

        var run = await ContractCli.RunAsync("keys", "generate", "--out", path);

        ContractCli.AssertFails(run, 2, "file_exists");
        Assert.Contains(path, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Generate_with_force_replaces_an_existing_file()
    {
        var path = _directory.File("alice.key");
        var first = await ContractCli.RunAsync("keys", "generate", "--out", path);

        var second = await ContractCli.RunAsync("keys", "generate", "--out", path, "--force");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.NotEqual(first.Json.GetProperty("address").GetString(), second.Json.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Address_takes_the_global_key_option_before_the_command()
    {
        var path = TestKeys.WriteKeyFile(_directory, 9);

        var run = await ContractCli.RunAsync("--key", path, "keys", "address");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(TestKeys.FilledAddress(9), run.Json.GetProperty("address").GetString());
    }

    [Fact]
    public async Task Address_of_a_missing_key_file_is_a_usage_error()
    {
        var run = await ContractCli.RunAsync("keys", "address", "--key", _directory.File("nope.key"));

        ContractCli.AssertFails(run, 2, "key_unavailable");
    }
}
