using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Client;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Tests.Energy;

/// <summary>
/// <c>contract-cli energy reading sign</c> signs the runbook's message with a key file: Ed25519 is deterministic, so
/// from the vectors' seed it reproduces, byte for byte, the signature an independent implementation made.
/// </summary>
public sealed class EnergyReadingSignTests : IDisposable
{
    private static readonly JsonElement Vectors = JsonElement.Parse(File.ReadAllText(Repository.PathOf("tests", "TheBlock.Protocol.Tests", "Energy", "reading-vectors.json")));
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_runbook_example_signs_to_the_independent_implementations_signature()
    {
        var key = _directory.File("meter.key");
        KeyFile.Write(key, Convert.FromBase64String(Vectors.GetProperty("private_key_seed").GetString()!));
        var expected = Vectors.GetProperty("readings")[0];

        var run = await ContractCli.RunAsync(
            "energy", "reading", "sign", "--key", key, "--provider-id", "provider_usa_001", "--meter", "meter_001",
            "--total-kwh", "1500000", "--timestamp", "1700000000", "--nonce", "12345");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected.GetProperty("signature").GetString(), run.Json.GetProperty("signature").GetString());
        Assert.Equal("provider_usa_001", run.Json.GetProperty("provider_id").GetString());
        Assert.Equal("meter_001", run.Json.GetProperty("meter").GetString());
        Assert.Equal(1_500_000UL, run.Json.GetProperty("total_kwh").GetUInt64());
        Assert.Equal(1_700_000_000UL, run.Json.GetProperty("timestamp").GetUInt64());
        Assert.Equal(12_345UL, run.Json.GetProperty("nonce").GetUInt64());
        Assert.Equal("ed25519", run.Json.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Without_timestamp_and_nonce_the_reading_is_stamped_now_and_verifies()
    {
        var key = TestKeys.WriteKeyFile(_directory, 5);
        var before = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var run = await ContractCli.RunAsync("energy", "reading", "sign", "--key", key, "--provider-id", "p1", "--meter", "m1", "--total-kwh", "7");

        Assert.True(run.ExitCode == 0, run.ToString());
        var reading = new SignedReading(
            "p1", "m1", 7, run.Json.GetProperty("timestamp").GetUInt64(), run.Json.GetProperty("nonce").GetUInt64(),
            Convert.FromBase64String(run.Json.GetProperty("signature").GetString()!));
        Assert.InRange(reading.Timestamp, before, before + 60);
        Assert.True(reading.Nonce >= before * 1000);
        using var signer = TestKeys.Filled(5);
        Assert.True(reading.VerifySignature(signer.PublicKey));
    }

    [Fact]
    public async Task An_id_the_oracle_would_refuse_is_a_usage_error_naming_the_field()
    {
        var key = TestKeys.WriteKeyFile(_directory, 5);

        var run = await ContractCli.RunAsync("energy", "reading", "sign", "--key", key, "--provider-id", "", "--meter", "m1", "--total-kwh", "7");

        ContractCli.AssertFails(run, 2, EnergyReasons.InvalidFormat);
        Assert.Contains("provider_id must be 1 to 128 bytes", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_total_is_a_usage_error()
    {
        var run = await ContractCli.RunAsync("energy", "reading", "sign", "--provider-id", "p1", "--meter", "m1");

        ContractCli.AssertFails(run, 2, "usage");
    }
}
