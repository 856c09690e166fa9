using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// The treasury executor's path C drills and the path A drill on the shared drill devnet (cascade on, fault injection
/// allowed): each symptom shows in <c>gov treasury</c> and /metrics, and <c>--recover</c> ends it. A fault drill recovers
/// in a <c>finally</c> too, so a failed assertion does not leave the devnet broken for the next drill test.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed partial class TreasuryDrillTests(DrillDevnetFixture fixture)
{
    private const string LedgerUnavailable = """treasury_execution_errors_total{reason="ledger_unavailable"}""";
    private const string ConsensusTimeout = """treasury_execution_errors_total{reason="consensus_timeout"}""";

    /// <summary>A window long enough for several executor ticks at 250 ms blocks.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Failing_storage_stops_blocks_and_fails_the_executor_faster_than_once_a_second_until_recover()
    {
        var devnet = fixture.Devnet;
        var recovered = false;
        try
        {
            var commitFailures = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), "block_commit_failures_total");

            var report = await fixture.DrillAsync("executor-ledger-unavailable");

            Assert.Contains("last_error ledger_unavailable", Did(report), StringComparison.Ordinal);
            Assert.Contains(Watch(report), w => w.StartsWith("alert TreasuryExecutorFailing", StringComparison.Ordinal) && w.Contains("so it fires", StringComparison.Ordinal));
            Assert.Equal("ledger_unavailable", await LastErrorAsync());
            var height = await devnet.HeightAsync();
            var start = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), LedgerUnavailable);
            await Task.Delay(Quiet);
            var scrape = await fixture.NodeScrapeAsync();
            var perSecond = (DrillDevnetFixture.Metric(scrape, LedgerUnavailable) - start) / Quiet.TotalSeconds;
            // TreasuryExecutorFailing: more than one error a second, though no block wakes the executor.
            Assert.True(perSecond > 1, $"{LedgerUnavailable} rose {perSecond:0.##}/s while storage failed");
            Assert.Equal(height, await devnet.HeightAsync());
            Assert.True(DrillDevnetFixture.Metric(scrape, "block_commit_failures_total") > commitFailures, "no BlockCommitFailed while storage failed");

            var recovery = await fixture.DrillAsync("executor-ledger-unavailable", "--recover");
            recovered = true;

            Assert.Contains("last_error cleared", Did(recovery), StringComparison.Ordinal);
            await AssertErrorStoppedAsync(LedgerUnavailable);
            Assert.True(await devnet.HeightAsync() > height, "blocks did not resume after the storage fault was switched off");
        }
        finally
        {
            await RecoverUnlessAsync(recovered, "executor-ledger-unavailable");
        }
    }

    [Fact]
    public async Task Blocks_without_transactions_time_the_executor_out_every_block_until_recover()
    {
        var devnet = fixture.Devnet;
        var recovered = false;
        try
        {
            var report = await fixture.DrillAsync("executor-consensus-timeout");

            Assert.Contains("last_error consensus_timeout", Did(report), StringComparison.Ordinal);
            Assert.Contains(Watch(report), w => w.StartsWith("alert TreasuryExecutorFailing", StringComparison.Ordinal) && w.Contains("so it fires", StringComparison.Ordinal));
            Assert.Equal("consensus_timeout", await LastErrorAsync());
            var height = await devnet.HeightAsync();
            var start = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), ConsensusTimeout);
            await Task.Delay(Quiet);
            var perSecond = (DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), ConsensusTimeout) - start) / Quiet.TotalSeconds;
            Assert.True(perSecond > 1, $"{ConsensusTimeout} rose {perSecond:0.##}/s while blocks included nothing");
            Assert.True(await devnet.HeightAsync() > height, "blocks stopped: block_inclusion should only empty them");

            var recovery = await fixture.DrillAsync("executor-consensus-timeout", "--recover");
            recovered = true;

            Assert.Contains("last_error cleared", Did(recovery), StringComparison.Ordinal);
            await AssertErrorStoppedAsync(ConsensusTimeout);
        }
        finally
        {
            await RecoverUnlessAsync(recovered, "executor-consensus-timeout");
        }
    }

    [Fact]
    public async Task A_rolled_back_dependency_takes_its_dependent_with_it_in_the_same_block_on_a_cascade_chain()
    {
        var devnet = fixture.Devnet;

        var report = await fixture.DrillAsync("treasury-dependency-rollback");

        Assert.Contains("cascaded in the same block", Did(report), StringComparison.Ordinal);
        var (dependent, dependency) = ShownIds(report);
        var shownDependent = await devnet.CliJson("gov", "treasury", "show", "--id", dependent);
        Assert.Equal([ulong.Parse(dependency, CultureInfo.InvariantCulture)], shownDependent.GetProperty("proposal").GetProperty("deps").EnumerateArray().Select(d => d.GetUInt64()));
        Assert.Equal("rolled_back", shownDependent.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal($"Dependency {dependency} was rolled back", shownDependent.GetProperty("status").GetProperty("reason").GetString());
        Assert.Equal("rolled_back", (await devnet.CliJson("gov", "treasury", "show", "--id", dependency)).GetProperty("status").GetProperty("state").GetString());
        // Path A's own rollback of the dependent is refused: the chain already did it.
        var pathA = await devnet.Cli("gov", "treasury", "rollback", "--id", dependent, "--reason", $"Dependency {dependency} was rolled back");
        Assert.True(pathA.ExitCode != 0 && pathA.Stderr.Contains("already_final", StringComparison.Ordinal), pathA.ToString());

        var recovered = await fixture.DrillAsync("treasury-dependency-rollback", "--recover");

        Assert.StartsWith("nothing to undo", Did(recovered), StringComparison.Ordinal);
    }

    /// <summary>The ids the report's watch lines show: the dependent's first, then the dependency's.</summary>
    internal static (string Dependent, string Dependency) ShownIds(JsonElement report)
    {
        var ids = Watch(report).Select(w => ShowId().Match(w)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);
        return (ids[0], ids[1]);
    }

    internal static string Did(JsonElement report) => string.Join('\n', report.GetProperty("did").EnumerateArray().Select(line => line.GetString()));

    internal static List<string> Watch(JsonElement report) => [.. report.GetProperty("watch").EnumerateArray().Select(line => line.GetString()!)];

    private async Task<string?> LastErrorAsync() =>
        (await fixture.Devnet.CliJson("gov", "treasury", "balance")).GetProperty("executor").GetProperty("last_error").GetString();

    /// <summary>The error is gone and its counter stands still for a quiet window.</summary>
    private async Task AssertErrorStoppedAsync(string series)
    {
        await fixture.WaitAsync(async () => await LastErrorAsync() is null, "the executor's last_error to clear");
        var settled = DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), series);
        await Task.Delay(Quiet);
        Assert.Equal(settled, DrillDevnetFixture.Metric(await fixture.NodeScrapeAsync(), series));
    }

    private async Task RecoverUnlessAsync(bool recovered, string scenario)
    {
        if (!recovered)
        {
            await fixture.Devnet.Cli("dev", "drill", scenario, "--recover");
        }
    }

    [GeneratedRegex(@"gov treasury show --id (\d+)")]
    private static partial Regex ShowId();
}
