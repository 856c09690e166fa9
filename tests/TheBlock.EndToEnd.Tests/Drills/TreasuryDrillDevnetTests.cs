using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// The treasury drills on devnets the shared drill devnet is not: one started without <c>--allow-fault-injection</c>
/// (the fault drills are refused and change nothing) and without cascade rollback (Path A's dependent stays queued
/// until <c>--recover</c> rolls it back as the runbook does). Without the simulator, so the treasury holds only the
/// drill's disbursements.
/// </summary>
public sealed class TreasuryDrillDevnetTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task The_fault_drills_and_their_recovery_are_refused_on_a_devnet_without_fault_injection_and_change_nothing()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--block-interval-ms", "250");

        foreach (var (scenario, fault) in new[] { ("executor-ledger-unavailable", "storage"), ("executor-consensus-timeout", "block_inclusion") })
        {
            foreach (var recover in new[] { false, true })
            {
                string[] args = ["dev", "drill", scenario, .. recover ? new[] { "--recover" } : []];
                var result = await devnet.Cli(args);

                Assert.True(result.ExitCode == 2 && result.Stdout.Length == 0, result.ToString());
                using var document = JsonDocument.Parse(result.Stderr);
                var error = document.RootElement.GetProperty("error");
                Assert.Equal("fault_injection_disabled", error.GetProperty("reason").GetString());
                var message = error.GetProperty("message").GetString()!;
                Assert.Contains("--allow-fault-injection", message, StringComparison.Ordinal);
                Assert.Contains($"\"{fault}\"", message, StringComparison.Ordinal);
                Assert.Contains("nothing was changed", message, StringComparison.Ordinal);
            }
        }

        var height = await devnet.HeightAsync();
        await Task.Delay(Quiet);
        Assert.True(await devnet.HeightAsync() > height, "blocks stopped after a refused drill");
        Assert.Equal(JsonValueKind.Null, (await devnet.CliJson("gov", "treasury", "balance")).GetProperty("executor").GetProperty("last_error").ValueKind);
    }

    [Fact]
    public async Task Without_cascade_the_dependent_stays_queued_behind_its_rolled_back_dependency_until_recover_rolls_it_back()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--no-cascade-rollback", "--epoch-length", "10", "--block-interval-ms", "250");

        var report = await Drill(devnet, "treasury-dependency-rollback");

        Assert.Contains("no cascade", TreasuryDrillTests.Did(report), StringComparison.Ordinal);
        var (dependent, dependency) = TreasuryDrillTests.ShownIds(report);
        Assert.Equal("rolled_back", await StateAsync(devnet, dependency));
        Assert.Equal("queued", await StateAsync(devnet, dependent));
        // Stuck: the executor does not pay it and does not call it an error; only the backlog shows it.
        await Task.Delay(Quiet);
        Assert.Equal("queued", await StateAsync(devnet, dependent));
        var executor = (await devnet.CliJson("gov", "treasury", "balance")).GetProperty("executor");
        Assert.Equal(JsonValueKind.Null, executor.GetProperty("last_error").ValueKind);
        Assert.Equal(0, executor.GetProperty("pending_matured").GetInt32());
        var scrape = await ScrapeAsync(devnet);
        Assert.Equal(1, DrillDevnetFixture.Metric(scrape, "treasury_disbursement_backlog"));
        Assert.Equal(0, DrillDevnetFixture.Metric(scrape, "treasury_executor_pending_matured"));
        Assert.Contains("treasury_disbursement_backlog - treasury_executor_pending_matured > 0", TreasuryDrillTests.Watch(report));
        Assert.Contains(TreasuryDrillTests.Watch(report), w => w.StartsWith("alert TreasuryNoProgress", StringComparison.Ordinal));

        var recovered = await Drill(devnet, "treasury-dependency-rollback", "--recover");

        Assert.Contains($"rolled back disbursement {dependent} ", TreasuryDrillTests.Did(recovered), StringComparison.Ordinal);
        var shown = await devnet.CliJson("gov", "treasury", "show", "--id", dependent);
        Assert.Equal("rolled_back", shown.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal($"Dependency {dependency} was rolled back", shown.GetProperty("status").GetProperty("reason").GetString());
        await Wait.UntilAsync(async () => DrillDevnetFixture.Metric(await ScrapeAsync(devnet), "treasury_disbursement_backlog") == 0, Timeout, "the backlog to empty", devnet.Diagnostics);
        Assert.StartsWith("nothing to undo", TreasuryDrillTests.Did(await Drill(devnet, "treasury-dependency-rollback", "--recover")), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Drill(DevnetProcess devnet, params string[] args)
    {
        var result = await devnet.Cli(["dev", "drill", .. args]);
        Assert.True(result.ExitCode == 0, $"contract-cli dev drill {string.Join(' ', args)} failed: {result}\n{devnet.Diagnostics()}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    private static async Task<string?> StateAsync(DevnetProcess devnet, string id) =>
        (await devnet.CliJson("gov", "treasury", "show", "--id", id)).GetProperty("status").GetProperty("state").GetString();

    private static async Task<string> ScrapeAsync(DevnetProcess devnet)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(devnet.MetricsUrl);
    }
}
