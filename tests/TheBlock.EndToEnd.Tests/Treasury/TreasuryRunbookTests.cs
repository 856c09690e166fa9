using System.Text.Json;
using System.Text.Json.Nodes;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// The runbook's "Treasury Stuck" diagnosis, run as an operator runs it: its contract-cli | jq pipelines, verbatim,
/// through bash against a devnet with a finalized, a timelocked, a stuck queued and two rolled-back disbursements.
/// </summary>
public sealed class TreasuryRunbookTests : IClassFixture<TreasuryRunbookFixture>
{
    private readonly TreasuryRunbookFixture _fixture;

    public TreasuryRunbookTests(TreasuryRunbookFixture fixture) => _fixture = fixture;

    private DevnetProcess Devnet => _fixture.Devnet;

    private TreasuryDriver Driver => _fixture.Driver;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task Step_1_executor_health_shows_every_field_the_runbook_reads()
    {
        var result = await Run(TreasuryRunbook.Step1ExecutorHealth);

        using var document = JsonDocument.Parse(result.Stdout);
        var executor = document.RootElement;
        Assert.Equal(JsonValueKind.Null, executor.GetProperty("last_error").ValueKind);
        var lastSuccess = executor.GetProperty("last_success_at").GetInt64();
        Assert.True(lastSuccess <= Now + 1 && lastSuccess >= Now - 30, $"last_success_at {lastSuccess} is not recent (now {Now}): {executor}");
        // The only queued disbursement waits for its dependency: it is not ready to execute.
        Assert.Equal(0, executor.GetProperty("pending_matured").GetInt64());
        Assert.Equal("devnet-node", executor.GetProperty("lease_holder").GetString());
        Assert.True(executor.GetProperty("lease_expires_at").GetInt64() > Now, $"lease_expires_at is not in the future (now {Now}): {executor}");
    }

    [Fact]
    public async Task Step_2_finds_no_disbursement_stuck_for_an_hour_and_counts_the_queue()
    {
        var result = await Run(TreasuryRunbook.Step2StuckDisbursements);

        var queued = await Driver.ListAsync("queued");
        Assert.Equal(1UL, queued.GetProperty("total").GetUInt64());
        // Nothing on this young chain was created more than an hour ago, so the first query selects nothing.
        Assert.Equal(
            ["=== Disbursements stuck for >1 hour ===", "=== Count stuck disbursements ===", queued.GetProperty("total").GetUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Lines(result.Stdout));
    }

    [Fact]
    public async Task Step_3_names_each_queued_disbursement_with_dependencies_and_their_states()
    {
        var result = await Run(TreasuryRunbook.Step3DependencyFailures);

        Assert.Equal(
            [$"ID {_fixture.Stuck} depends on: [{_fixture.Dependency}]", $"  ↳ Dependency {_fixture.Dependency}: timelocked"],
            Lines(result.Stdout));
    }

    [Fact]
    public async Task Step_5_shows_the_balances_and_the_sum_of_the_queued_amounts()
    {
        var treasuryBefore = await Driver.BalanceAsync();
        var before = treasuryBefore.GetProperty("balance_ct").GetUInt64();
        var result = await Run(TreasuryRunbook.Step5Balance);
        var after = (await Driver.BalanceAsync()).GetProperty("balance_ct").GetUInt64();

        const string Header = "=== Pending disbursements (sum of amounts) ===";
        var header = result.Stdout.IndexOf(Header, StringComparison.Ordinal);
        Assert.True(header > 0, result.ToString());
        using var balances = JsonDocument.Parse(result.Stdout[..header]);
        Assert.Equal(["balance_ct", "balance_it"], balances.RootElement.EnumerateObject().Select(p => p.Name));
        var balanceCt = balances.RootElement.GetProperty("balance_ct").GetUInt64();
        Assert.InRange(balanceCt, before, after);
        Assert.Equal(treasuryBefore.GetProperty("balance_it").GetUInt64(), balances.RootElement.GetProperty("balance_it").GetUInt64());
        Assert.Equal(TreasuryDriver.Text(TreasuryRunbookFixture.StuckAmount), result.Stdout[(header + Header.Length)..].Trim());
    }

    [Fact]
    public async Task Path_A_reports_a_dependency_that_is_only_waiting_and_cancels_nothing()
    {
        var result = await Run(TreasuryRunbook.ForDevnet(TreasuryRunbook.PathADependencyIssue, Devnet, _fixture.Stuck));

        var lines = Lines(result.Stdout);
        Assert.Equal($"Dependency {_fixture.Dependency}: timelocked", lines[^1]);
        using var summary = JsonDocument.Parse(string.Join('\n', lines[..^1]));
        Assert.Equal(_fixture.Stuck, summary.RootElement.GetProperty("id").GetUInt64());
        Assert.Equal([_fixture.Dependency], summary.RootElement.GetProperty("deps").EnumerateArray().Select(d => d.GetUInt64()));
        Assert.DoesNotContain("Cancelling", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("queued", TreasuryDriver.State(await Driver.ShowAsync(_fixture.Stuck)));
    }

    [Fact]
    public async Task Path_B_compares_the_balance_with_the_queued_amounts_and_finds_enough()
    {
        var result = await Run(TreasuryRunbook.PathBInsufficientFunds);

        var lines = Lines(result.Stdout);
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^Current balance: \d+ CT$", lines[0]);
        Assert.Equal($"Pending disbursements: {TreasuryRunbookFixture.StuckAmount} CT", lines[1]);
    }

    [Fact]
    public async Task Path_C_reads_last_error_and_a_healthy_executor_falls_through_the_case()
    {
        var result = await Run(TreasuryRunbook.ForDevnet(TreasuryRunbook.PathCExecutorError, Devnet));

        // last_error is null on a healthy executor; jq -r prints "null", which the runbook's case sends to its default arm.
        Assert.Equal(
            ["Executor error: null", $"Unknown error. Check logs: tail -100 {Path.GetDirectoryName(Devnet.NodeLog)}/*.log"],
            Lines(result.Stdout));
    }

    [Fact]
    public async Task Path_D_snapshot_is_the_whole_list_as_json_and_round_trips()
    {
        var (result, files) = await RunWritingTmp(TreasuryRunbook.ForDevnet(TreasuryRunbook.PathDSnapshot, Devnet), "disburse_snapshot_*.json", "executor_logs_*.txt");

        Assert.Contains("Send to ops team:", result.Stdout, StringComparison.Ordinal);
        var snapshot = JsonNode.Parse(await File.ReadAllTextAsync(files["disburse_snapshot_*.json"]))!;
        var live = JsonNode.Parse((await Driver.ListAsync(limit: 500)).GetRawText())!;
        Assert.True(JsonNode.DeepEquals(live, snapshot), $"the snapshot differs from gov.treasury.list:\n{snapshot}\n{live}");
        Assert.Equal(_fixture.All.Order(), snapshot["disbursements"]!.AsArray().Select(d => d!["id"]!.GetValue<ulong>()));
        Assert.Equal((ulong)_fixture.All.Count, snapshot["total"]!.GetValue<ulong>());
        Assert.True(snapshot.AsObject().ContainsKey("next_cursor") && snapshot["next_cursor"] is null, $"one page holds everything: next_cursor must be null: {snapshot}");
        Assert.Contains("ExecutorStarted", await File.ReadAllTextAsync(files["executor_logs_*.txt"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Path_D_paging_with_after_id_walks_every_disbursement_exactly_once()
    {
        var expected = _fixture.All.Order().ToList();
        var all = await Driver.ListAsync();
        var totalAmount = all.GetProperty("disbursements").EnumerateArray().Sum(d => (decimal)d.GetProperty("amount_ct").GetUInt64());
        Assert.Equal(totalAmount, all.GetProperty("total_amount_ct").GetUInt64());

        // contract-cli, a page of two at a time, following next_cursor.
        var walked = new List<ulong>();
        ulong? after = null;
        do
        {
            var page = after is { } cursor
                ? await Devnet.CliJson("gov", "treasury", "list", "--limit", "2", "--after-id", TreasuryDriver.Text(cursor))
                : await Devnet.CliJson("gov", "treasury", "list", "--limit", "2");
            var ids = page.GetProperty("disbursements").EnumerateArray().Select(d => d.GetProperty("id").GetUInt64()).ToList();
            Assert.Equal((ulong)expected.Count, page.GetProperty("total").GetUInt64());
            Assert.Equal(totalAmount, page.GetProperty("total_amount_ct").GetUInt64());
            walked.AddRange(ids);
            after = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetUInt64();
            Assert.True(after is null ? walked.Count == expected.Count : after == ids[^1], $"next_cursor must be the last id while more remain, else null: {page}");
        }
        while (after is not null);
        Assert.Equal(expected, walked);

        // The documented export loop, as written and with pages of two.
        foreach (var script in new[] { TreasuryRunbook.PathDAllPages, TreasuryRunbook.PathDAllPages.Replace("--limit 1000", "--limit 2", StringComparison.Ordinal) })
        {
            var (_, files) = await RunWritingTmp(script, "disburse_all_*.jsonl");
            var exported = (await File.ReadAllLinesAsync(files["disburse_all_*.jsonl"])).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetUInt64());
            Assert.Equal(expected, exported);
        }
    }

    private async Task<ProcessResult> Run(string script)
    {
        var result = await RunbookShell.RunAsync(Devnet, script);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"the runbook's commands failed: {result}\n{Devnet.Diagnostics()}");
        return result;
    }

    /// <summary>Runs a script that writes files named by `date +%s` under /tmp; moves each new one into the devnet's directory (removed with it) and returns it by pattern.</summary>
    private async Task<(ProcessResult Result, Dictionary<string, string> Files)> RunWritingTmp(string script, params string[] patterns)
    {
        var tmp = "/tmp";
        var existing = patterns.SelectMany(p => Directory.GetFiles(tmp, p)).ToHashSet();
        var result = await Run(script);
        var files = new Dictionary<string, string>();
        foreach (var pattern in patterns)
        {
            var created = Directory.GetFiles(tmp, pattern).Where(f => !existing.Contains(f)).ToList();
            Assert.True(created.Count == 1, $"expected the script to write one new /tmp/{pattern}, found {created.Count}: {result}");
            files[pattern] = created[0];
        }

        var copies = new Dictionary<string, string>();
        foreach (var (pattern, file) in files)
        {
            var copy = Path.Combine(Devnet.Root, $"{Guid.NewGuid():N}-{Path.GetFileName(file)}");
            File.Move(file, copy);
            copies[pattern] = copy;
        }

        return (result, copies);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
