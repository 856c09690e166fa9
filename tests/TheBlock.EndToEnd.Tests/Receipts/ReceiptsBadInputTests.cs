using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TheBlock.Client;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Receipts;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// Bad receipts on a real devnet, through <c>contract-cli receipts submit --file F</c> to an attached emitter: each of
/// the five reasons exits 1 with the reason in the error JSON, is counted in the emitter's
/// <c>receipt_validation_errors_total{reason}</c>, is logged in receipt-emitter.log with its market, and pays nothing;
/// a receipt sent again after it was accepted is a duplicate and is paid once.
/// </summary>
public sealed class ReceiptsBadInputTests
{
    private const ulong Deposit = 100;

    [Fact]
    public async Task Each_refused_receipt_exits_1_with_its_reason_is_counted_and_logged_by_market_and_pays_nothing()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node,energy-oracle");
        using var driver = new MarketDriver(devnet, "storage_bad_001");
        await driver.SetUpAsync(Deposit);
        await using var emitter = await AttachedEmitterProcess.StartAsync(devnet);
        var files = Path.Combine(devnet.Root, "receipts");
        Directory.CreateDirectory(files);
        var strangerKey = Path.Combine(devnet.Root, "stranger.key");
        KeyFile.Generate(strangerKey);

        // A good receipt: accepted, and refused as a duplicate both while it waits and once a block has paid it.
        var good = await SignAsync(devnet, driver, files, "good", nonce: 1, units: 2);
        var accepted = await SubmitAsync(devnet, emitter, good, viaEnvironment: true);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("accepted", JsonDocument.Parse(accepted.Stdout).RootElement.GetProperty("status").GetString());
        await AssertRefusedAsync(devnet, emitter, good, ReceiptReasons.DuplicateDetection);
        await Wait.UntilAsync(async () => (await driver.AgreementAsync()).Receipts == 1, TimeSpan.FromSeconds(60), "the good receipt to be paid", devnet.Diagnostics);
        var paidBefore = await driver.AgreementAsync();
        var balanceBefore = await driver.OwnerBalanceAsync();
        Assert.Equal(2 * MarketDriver.UnitPrice, paidBefore.Paid);

        var schema = Path.Combine(files, "schema.json");
        var unsigned = JsonNode.Parse(await File.ReadAllTextAsync(await SignAsync(devnet, driver, files, "schema-source", nonce: 2, units: 1)))!.AsObject();
        unsigned.Remove("units");
        await File.WriteAllTextAsync(schema, unsigned.ToJsonString());
        var cases = new (string Reason, string File)[]
        {
            (ReceiptReasons.SchemaMismatch, schema),
            (ReceiptReasons.DuplicateDetection, good),
            (ReceiptReasons.SignatureInvalid, await SignAsync(devnet, driver, files, "stranger", nonce: 3, units: 1, key: strangerKey)),
            (ReceiptReasons.AgreementInvalid, await SignAsync(devnet, driver, files, "no-agreement", nonce: 4, units: 1, agreementId: driver.AgreementId + 100)),
            (ReceiptReasons.InsufficientFunds, await SignAsync(devnet, driver, files, "too-much", nonce: 5, units: Deposit)),
        };
        foreach (var (reason, file) in cases)
        {
            await AssertRefusedAsync(devnet, emitter, file, reason);
        }

        var metrics = await driver.MetricsAsync(emitter.MetricsUrl);
        foreach (var (reason, _) in cases)
        {
            var expected = reason == ReceiptReasons.DuplicateDetection ? 2 : 1;
            Assert.Equal(expected, MarketDriver.Sample(metrics, $"receipt_validation_errors_total{{reason=\"{reason}\"}}"));
        }

        // Every refusal names its market, even a submission without its units, so the runbook's per-market grep finds it.
        var lines = cases.Select(c => $"ReceiptRejected reason={c.Reason} stage=emitter market=storage").ToList();
        await Wait.UntilAsync(
            () => File.Exists(emitter.Log) && lines.All(DevnetProcess.ReadShared(emitter.Log).Contains),
            TimeSpan.FromSeconds(30),
            "a ReceiptRejected line per reason with market=storage in receipt-emitter.log",
            () => File.Exists(emitter.Log) ? DevnetProcess.ReadShared(emitter.Log) : "(no receipt-emitter.log)");

        await devnet.WaitForHeightAsync(await devnet.HeightAsync() + 5);
        var paidAfter = await driver.AgreementAsync();
        Assert.Equal(paidBefore.Paid, paidAfter.Paid);
        Assert.Equal(1UL, paidAfter.Receipts);
        Assert.Equal(paidBefore.Deposit, paidAfter.Deposit);
        Assert.Equal(balanceBefore, await driver.OwnerBalanceAsync());
        Assert.Single(await driver.ListedAsync());
    }

    private static async Task AssertRefusedAsync(DevnetProcess devnet, AttachedEmitterProcess emitter, string file, string reason)
    {
        var result = await SubmitAsync(devnet, emitter, file, viaEnvironment: false);
        Assert.True(result.ExitCode == 1, $"{reason}: {result}");
        using var error = JsonDocument.Parse(result.Stderr);
        Assert.Equal(reason, error.RootElement.GetProperty("error").GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.RootElement.GetProperty("error").GetProperty("message").GetString()));
    }

    /// <summary><c>contract-cli receipts sign</c> with the provider's key file (or <paramref name="key"/>), written to a file as a provider would.</summary>
    private static async Task<string> SignAsync(DevnetProcess devnet, MarketDriver driver, string directory, string name, ulong nonce, ulong units, ulong? agreementId = null, string? key = null)
    {
        var signed = await devnet.CliJson(
            "receipts", "sign", "--key", key ?? driver.ProviderKeyFile, "--market", "storage", "--provider-id", driver.ProviderId,
            "--agreement-id", (agreementId ?? driver.AgreementId).ToString(CultureInfo.InvariantCulture),
            "--units", units.ToString(CultureInfo.InvariantCulture), "--nonce", nonce.ToString(CultureInfo.InvariantCulture),
            "--field", "contract_id=contract-7", "--field", "bytes=1048576", "--field", "duration_seconds=3600");
        var path = Path.Combine(directory, name + ".json");
        await File.WriteAllTextAsync(path, signed.GetRawText());
        return path;
    }

    /// <summary><c>contract-cli receipts submit --file F</c>, finding the emitter through THEBLOCK_EMITTER_URL or <c>--emitter</c>.</summary>
    private static Task<ProcessResult> SubmitAsync(DevnetProcess devnet, AttachedEmitterProcess emitter, string file, bool viaEnvironment) =>
        viaEnvironment
            ? DotnetProcess.RunAsync(Executables.Cli, ["receipts", "submit", "--file", file], devnet.Home, new Dictionary<string, string> { ["THEBLOCK_EMITTER_URL"] = emitter.Url })
            : DotnetProcess.RunAsync(Executables.Cli, ["receipts", "submit", "--file", file, "--emitter", emitter.Url], devnet.Home);
}
