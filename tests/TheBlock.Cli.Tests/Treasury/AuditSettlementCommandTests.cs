using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Treasury;

public sealed class AuditSettlementCommandTests : IDisposable
{
    private readonly FakeRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Settlement_sends_the_epoch_range_and_prints_the_audit_as_json()
    {
        _server.Reply("audit.settlement", TreasurySamples.Audit());

        var run = await Audit("--from-epoch", "0", "--to-epoch", "1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("audit.settlement", request.Method);
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""{"from_epoch":0,"to_epoch":1000}""").RootElement, request.Params), request.Params.ToString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TreasurySamples.Audit()).RootElement, run.Json), run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task Settlement_without_a_range_leaves_it_to_the_node()
    {
        _server.Reply("audit.settlement", TreasurySamples.Audit());

        var run = await Audit();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Assert.Single(_server.Requests).Params.EnumerateObject());
    }

    [Fact]
    public async Task A_range_that_runs_backwards_is_a_usage_error()
    {
        var run = await Audit("--from-epoch", "10", "--to-epoch", "9");

        ContractCli.AssertFails(run, 2, "invalid_range");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_conserved_audit_as_a_table_prints_the_runbooks_text_with_ct_and_it_added()
    {
        _server.Reply("audit.settlement", TreasurySamples.Audit());

        var run = await Audit("--output", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "Ledger conservation verified:\n"
            + "  Initial balance: 10,000,000 CT\n"
            + "  Accruals: 1,500,000 CT\n"
            + "  Executed disbursements: 2,000,000 CT\n"
            + "  Final balance: 9,500,000 CT\n",
            Normalize(run.Stdout));
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public async Task A_conserved_audit_with_a_rollback_adds_the_rolled_back_line_after_the_executed_one()
    {
        _server.Reply("audit.settlement", TreasurySamples.Audit(ctRolledBack: 250_000));

        var run = await Audit("--output", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "Ledger conservation verified:\n"
            + "  Initial balance: 10,000,000 CT\n"
            + "  Accruals: 1,500,000 CT\n"
            + "  Executed disbursements: 2,000,000 CT\n"
            + "  Rolled back from escrow: 250,000 CT\n"
            + "  Final balance: 9,750,000 CT\n",
            Normalize(run.Stdout));
    }

    [Fact]
    public async Task A_failed_audit_as_a_table_prints_the_runbooks_assertion_and_exits_1()
    {
        _server.Reply("audit.settlement", TreasurySamples.FailedAudit());

        var run = await Audit("--output", "table");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(
            "Assertion failed:\n"
            + "  Expected balance: 9,500,000 CT\n"
            + "  Actual balance: 9,300,000 CT\n"
            + "  Discrepancy: 200,000 CT (2.1%)\n"
            + "\n"
            + "Investigation:\n"
            + "  Disbursements behind it: 4521, 4522\n",
            Normalize(run.Stdout));
        AssertConservationError(run);
    }

    [Fact]
    public async Task A_failed_audit_prints_one_block_per_discrepancy()
    {
        _server.Reply("audit.settlement", TreasurySamples.FailedAudit(escrowToo: true));

        var run = await Audit("--output", "table");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.EndsWith(
            "  Disbursements behind it: 4521, 4522\n"
            + "\n"
            + "Assertion failed:\n"
            + "  Expected balance: 500,000 CT\n"
            + "  Actual balance: 512,345 CT\n"
            + "  Discrepancy: 12,345 CT (2.5%)\n"
            + "\n"
            + "Investigation:\n"
            + "  Disbursements behind it: none\n",
            Normalize(run.Stdout));
        Assert.Contains("treasury_escrow expected 500000 CT, actual 512345 CT", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_audit_as_json_still_prints_the_audit_then_exits_1()
    {
        _server.Reply("audit.settlement", TreasurySamples.FailedAudit());

        var run = await Audit();

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TreasurySamples.FailedAudit()).RootElement, run.Json), run.ToString());
        AssertConservationError(run);
    }

    [Fact]
    public async Task An_audit_the_node_refuses_is_an_error_with_nothing_on_stdout()
    {
        _server.ReplyError("audit.settlement", -32602, "invalid_params", "to_epoch 5000 is after the current epoch 42");

        var run = await Audit("--to-epoch", "5000", "--output", "table");

        ContractCli.AssertFails(run, 1, "invalid_params");
    }

    private static void AssertConservationError(CliRun run)
    {
        Assert.Equal("conservation_violated", run.ErrorReason);
        Assert.Equal(1, run.ErrorCode);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
        var message = run.Error.GetProperty("message").GetString()!;
        Assert.Contains("treasury ct expected 9500000 CT, actual 9300000 CT (disbursements 4521, 4522)", message, StringComparison.Ordinal);
    }

    // Spectre.Console may pad a text line with trailing spaces; what an operator reads is the text before them.
    private static string Normalize(string stdout) =>
        string.Join('\n', stdout.Split('\n').Select(line => line.TrimEnd()));

    private Task<CliRun> Audit(params string[] args) =>
        ContractCli.RunAsync(["audit", "settlement", .. args, "--rpc", _server.Url]);
}
