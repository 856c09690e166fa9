using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Treasury;

public sealed class GovTreasuryCommandsTests : IDisposable
{
    private readonly FakeRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Balance_calls_gov_treasury_balance_and_prints_its_result_unchanged()
    {
        _server.Reply("gov.treasury.balance", TreasurySamples.Balance);

        var run = await Gov("treasury", "balance");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gov.treasury.balance", request.Method);
        Assert.Empty(request.Params.EnumerateObject());
        AssertPrinted(TreasurySamples.Balance, run);
        Assert.Equal("insufficient_funds", run.Json.GetProperty("executor").GetProperty("last_error").GetString());
    }

    [Fact]
    public async Task List_sends_status_limit_and_after_id_as_named_params()
    {
        _server.Reply("gov.treasury.list", TreasurySamples.List(5, 6));

        var run = await Gov("treasury", "list", "--status", "queued", "--limit", "50", "--after-id", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gov.treasury.list", request.Method);
        Assert.True(JsonElement.DeepEquals(Parse("""{"status":"queued","limit":50,"after_id":4}"""), request.Params), request.Params.ToString());
        AssertPrinted(TreasurySamples.List(5, 6), run);
        Assert.Equal([5UL, 6UL], run.Json.GetProperty("disbursements").EnumerateArray().Select(d => d.GetProperty("id").GetUInt64()));
    }

    [Fact]
    public async Task List_without_options_leaves_the_defaults_to_the_node()
    {
        _server.Reply("gov.treasury.list", TreasurySamples.List());

        var run = await Gov("treasury", "list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Assert.Single(_server.Requests).Params.EnumerateObject());
    }

    [Theory]
    [InlineData("rolled_back")]
    [InlineData("draft")]
    [InlineData("finalized")]
    public async Task List_accepts_every_state_name(string state)
    {
        _server.Reply("gov.treasury.list", TreasurySamples.List());

        var run = await Gov("treasury", "list", "--status", state);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(state, Assert.Single(_server.Requests).Params.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("Queued")]
    [InlineData("rolledback")]
    [InlineData("stuck")]
    public async Task List_with_an_unknown_status_is_a_usage_error_naming_the_states(string state)
    {
        var run = await Gov("treasury", "list", "--status", state);

        ContractCli.AssertFails(run, 2, "invalid_status");
        Assert.Contains("draft, voting, timelocked, queued, executed, finalized, rolled_back", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task List_with_a_limit_outside_1_to_1000_is_a_usage_error(string limit)
    {
        var run = await Gov("treasury", "list", "--limit", limit);

        ContractCli.AssertFails(run, 2, "invalid_limit");
        Assert.Equal(2, run.ErrorCode);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1000")]
    public async Task List_accepts_the_limits_at_both_ends(string limit)
    {
        _server.Reply("gov.treasury.list", TreasurySamples.List());

        var run = await Gov("treasury", "list", "--limit", limit);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(_server.Requests).Params.GetProperty("limit").GetInt32());
    }

    [Fact]
    public async Task List_as_a_table_has_a_column_per_field_of_the_disbursements()
    {
        _server.Reply("gov.treasury.list", TreasurySamples.List(5, 6));

        var run = await Gov("treasury", "list", "--output", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        var header = run.Stdout.Split('\n').Single(line => line.Contains("amount_ct", StringComparison.Ordinal) && line.Contains("title", StringComparison.Ordinal));
        Assert.Contains("status", header, StringComparison.Ordinal);
        Assert.Contains("Grant 6", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("total_amount_ct", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_by_id_calls_gov_treasury_show_and_prints_the_disbursement()
    {
        _server.Reply("gov.treasury.show", TreasurySamples.Disbursement(12, deps: "[7,9]"));

        var run = await Gov("treasury", "show", "--id", "12");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gov.treasury.show", request.Method);
        Assert.True(JsonElement.DeepEquals(Parse("""{"id":12}"""), request.Params), request.Params.ToString());
        AssertPrinted(TreasurySamples.Disbursement(12, deps: "[7,9]"), run);
    }

    [Fact]
    public async Task Show_by_creating_transaction_sends_the_hash_in_lowercase()
    {
        _server.Reply("gov.treasury.show", TreasurySamples.Disbursement(12));

        var run = await Gov("treasury", "show", "--tx-hash", Samples.Hash.ToUpperInvariant());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(JsonElement.DeepEquals(Parse($$"""{"tx_hash":"{{Samples.Hash}}"}"""), Assert.Single(_server.Requests).Params));
    }

    [Theory]
    [InlineData]
    [InlineData("--id", "12", "--tx-hash", Samples.Hash)]
    public async Task Show_needs_exactly_one_of_id_and_tx_hash(params string[] options)
    {
        var run = await Gov(["treasury", "show", .. options]);

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Contains("--id", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-3")]
    [InlineData("1.5")]
    public async Task Show_with_an_id_that_is_not_a_whole_number_is_a_usage_error(string id)
    {
        var run = await Gov("treasury", "show", "--id", id);

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Show_of_an_unknown_id_relays_the_not_found_error()
    {
        _server.ReplyError("gov.treasury.show", -32010, "disbursement_not_found", "disbursement 99 does not exist");

        var run = await Gov("treasury", "show", "--id", "99");

        ContractCli.AssertFails(run, 1, "disbursement_not_found");
        Assert.Equal(-32010, run.ErrorCode);
    }

    [Fact]
    public async Task Rollback_sends_the_id_and_reason_with_the_token_and_prints_the_rolled_back_disbursement()
    {
        var rolledBack = TreasurySamples.Disbursement(12, "rolled_back");
        _server.Reply("gov.treasury.rollback", rolledBack);

        var run = await Gov("treasury", "rollback", "--id", "12", "--reason", "Dependency 7 was rolled back", "--token", "admin-token");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gov.treasury.rollback", request.Method);
        Assert.Equal("Bearer admin-token", request.Authorization);
        Assert.True(JsonElement.DeepEquals(Parse("""{"id":12,"reason":"Dependency 7 was rolled back"}"""), request.Params), request.Params.ToString());
        AssertPrinted(rolledBack, run);
    }

    [Fact]
    public async Task Rollback_without_a_reason_is_a_usage_error_naming_the_option()
    {
        var run = await Gov("treasury", "rollback", "--id", "12");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Contains("--reason", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rollback_with_a_blank_reason_is_refused_before_it_is_sent()
    {
        var run = await Gov("treasury", "rollback", "--id", "12", "--reason", "  ");

        ContractCli.AssertFails(run, 2, "invalid_reason");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rollback_without_the_admin_token_relays_unauthorized()
    {
        _server.ReplyError("gov.treasury.rollback", -32001, "unauthorized", "gov.treasury.rollback needs the admin token");

        var run = await Gov("treasury", "rollback", "--id", "12", "--reason", "cancelled");

        ContractCli.AssertFails(run, 1, "unauthorized");
        Assert.Equal(-32001, run.ErrorCode);
    }

    [Theory]
    [InlineData("gov.treasury.executor.status")]
    [InlineData("gov.treasury.executor.status", "status")]
    [InlineData("gov.treasury.executor.pause", "pause")]
    [InlineData("gov.treasury.executor.resume", "resume")]
    public async Task Executor_calls_the_method_of_its_action_and_prints_the_status(string method, params string[] action)
    {
        _server
            .Reply("gov.treasury.executor.status", TreasurySamples.Executor)
            .Reply("gov.treasury.executor.pause", TreasurySamples.Executor)
            .Reply("gov.treasury.executor.resume", TreasurySamples.Executor);

        var run = await Gov(["treasury", "executor", .. action, "--token", "admin-token"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal(method, request.Method);
        Assert.Empty(request.Params.EnumerateObject());
        AssertPrinted(TreasurySamples.Executor, run);
    }

    [Fact]
    public async Task Executor_with_an_unknown_action_is_a_usage_error()
    {
        var run = await Gov("treasury", "executor", "restart");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("gov treasury balance")]
    [InlineData("gov treasury list")]
    [InlineData("gov treasury show")]
    [InlineData("gov treasury rollback")]
    [InlineData("gov treasury executor")]
    [InlineData("gov treasury executor status")]
    [InlineData("gov treasury executor pause")]
    [InlineData("gov treasury executor resume")]
    [InlineData("gov disburse preview")]
    [InlineData("gov disburse create")]
    [InlineData("gov vote")]
    [InlineData("audit settlement")]
    public async Task Every_treasury_command_has_help_with_an_example_of_itself(string path)
    {
        var run = await ContractCli.RunAsync([.. path.Split(' '), "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("Example:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"contract-cli {path}", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_help_lists_gov_and_audit()
    {
        var run = await ContractCli.RunAsync("--help");

        Assert.Contains("gov", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("audit", run.Stdout, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static void AssertPrinted(string expected, CliRun run)
    {
        Assert.True(JsonElement.DeepEquals(Parse(expected), run.Json), run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
    }

    private Task<CliRun> Gov(params string[] args) => ContractCli.RunAsync(["gov", .. args, "--rpc", _server.Url]);
}
