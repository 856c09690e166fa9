using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Receipts;

/// <summary>
/// The runbook's "Receipts Flatlining" commands: each calls its method with named params and prints the result
/// unchanged, so the runbook's jq paths read it; bad input, such as the negative height a young chain gives the
/// runbook's <c>$((h - 100))</c>, is refused before anything is sent.
/// </summary>
public sealed class ReceiptsQueryCommandsTests : IDisposable
{
    private readonly FakeRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("storage")]
    [InlineData("compute")]
    [InlineData("energy")]
    [InlineData("ad")]
    [InlineData("all")]
    public async Task Stats_asks_for_the_market_the_runbook_names(string market)
    {
        _server.Reply("receipts.stats", ReceiptsSamples.StorageStats);

        var run = await Receipts("stats", "--market", market);

        AssertPrinted(ReceiptsSamples.StorageStats, run);
        Assert.True(JsonElement.DeepEquals(Parse($$"""{"market":"{{market}}"}"""), Assert.Single(_server.Requests).Params));
    }

    [Fact]
    public async Task Stats_without_a_market_asks_for_all_and_prints_every_reason()
    {
        _server.Reply("receipts.stats", ReceiptsSamples.StorageStats);

        var run = await Receipts("stats");

        Assert.True(JsonElement.DeepEquals(Parse("""{"market":"all"}"""), Assert.Single(_server.Requests).Params));
        Assert.Equal(
            ["schema_mismatch", "duplicate_detection", "signature_invalid", "agreement_invalid", "insufficient_funds"],
            run.Json.GetProperty("validation_errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(8UL, run.Json.GetProperty("emitted_last_10_blocks").GetUInt64());
    }

    [Fact]
    public async Task Stats_prints_a_table_when_asked()
    {
        _server.Reply("receipts.stats", ReceiptsSamples.StorageStats);

        var run = await Receipts("stats", "--market", "storage", "--output", "table");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("emitted_total", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("120", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_sends_every_filter_as_a_named_param()
    {
        _server.Reply("receipts.list", ReceiptsSamples.ReceiptList);

        var run = await Receipts("list", "--market", "storage", "--provider", "storage_dev_001", "--from-block", "10", "--limit", "100", "--cursor", "41:0");

        AssertPrinted(ReceiptsSamples.ReceiptList, run);
        Assert.True(JsonElement.DeepEquals(
            Parse("""{"market":"storage","provider":"storage_dev_001","from_block":10,"limit":100,"cursor":"41:0"}"""), Assert.Single(_server.Requests).Params));
        Assert.Equal("c-1", run.Json.GetProperty("receipts")[0].GetProperty("fields").GetProperty("contract_id").GetString());
    }

    [Fact]
    public async Task List_without_filters_sends_no_params()
    {
        _server.Reply("receipts.list", ReceiptsSamples.ReceiptList);

        var run = await Receipts("list");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Assert.Single(_server.Requests).Params.EnumerateObject());
    }

    [Fact]
    public async Task Show_sends_the_id_in_lowercase_and_prints_the_receipt()
    {
        _server.Reply("receipts.show", ReceiptsSamples.Receipt);

        var run = await Receipts("show", "--id", ReceiptsSamples.ReceiptId.ToUpperInvariant());

        AssertPrinted(ReceiptsSamples.Receipt, run);
        Assert.True(JsonElement.DeepEquals(Parse($$"""{"id":"{{ReceiptsSamples.ReceiptId}}"}"""), Assert.Single(_server.Requests).Params));
    }

    [Fact]
    public async Task Show_of_an_unknown_receipt_exits_1_with_the_nodes_reason()
    {
        _server.ReplyError("receipts.show", -32004, "receipt_not_found", "there is no receipt 8a1f…");

        var run = await Receipts("show", "--id", ReceiptsSamples.ReceiptId);

        ContractCli.AssertFails(run, 1, "receipt_not_found");
    }

    [Fact]
    public async Task Validate_sends_the_range_and_exits_0_with_the_report_even_when_receipts_are_invalid()
    {
        _server.Reply("receipts.validate", ReceiptsSamples.Validation);

        var run = await Receipts("validate", "--from-block", "1", "--to-block", "42");
        var open = await Receipts("validate", "--from-block", "0");

        AssertPrinted(ReceiptsSamples.Validation, run);
        Assert.True(JsonElement.DeepEquals(Parse("""{"from_block":1,"to_block":42}"""), _server.Requests[0].Params));
        Assert.True(JsonElement.DeepEquals(Parse("""{"from_block":0}"""), _server.Requests[1].Params));
        Assert.Equal(0, open.ExitCode);
        var invalid = Assert.Single(run.Json.GetProperty("invalid").EnumerateArray());
        Assert.Equal((ReceiptsSamples.ReceiptId, 41UL, "signature_invalid"), (invalid.GetProperty("receipt_id").GetString(), invalid.GetProperty("block_height").GetUInt64(), invalid.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Validate_from_a_negative_height_says_the_chain_is_shorter_than_the_offset()
    {
        var run = await Receipts("validate", "--from-block", "-58");

        ContractCli.AssertFails(run, 2, "invalid_block_range");
        Assert.Equal(
            "--from-block -58 is below 0 (the chain has fewer blocks than were subtracted from its height); pass --from-block 0 to start at genesis",
            run.Error.GetProperty("message").GetString());
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("validate", "--from-block", "1.5")]
    [InlineData("validate", "--from-block", "ten")]
    [InlineData("validate", "--from-block", "")]
    [InlineData("validate", "--from-block", "18446744073709551616")]
    [InlineData("list", "--from-block", "-1")]
    public async Task A_height_that_is_not_a_whole_number_is_refused_before_sending(string command, string option, string value)
    {
        var run = await Receipts(command, option, value);

        ContractCli.AssertFails(run, 2, "invalid_block_range");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Validate_refuses_a_range_that_ends_before_it_starts()
    {
        var run = await Receipts("validate", "--from-block", "10", "--to-block", "5");

        ContractCli.AssertFails(run, 2, "invalid_block_range");
        Assert.Equal("--to-block 5 is below --from-block 10; the range runs upwards", run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Validate_without_from_block_is_a_usage_error()
    {
        var run = await Receipts("validate");

        ContractCli.AssertFails(run, 2, "usage");
    }

    [Theory]
    [InlineData("stats", "--market", "Storage", "invalid_market")]
    [InlineData("stats", "--market", "water", "invalid_market")]
    [InlineData("list", "--market", "all", "invalid_market")]
    [InlineData("list", "--limit", "0", "invalid_limit")]
    [InlineData("list", "--limit", "1001", "invalid_limit")]
    [InlineData("show", "--id", "8a1f", "invalid_hash")]
    public async Task Bad_filters_are_refused_before_sending(string command, string option, string value, string reason)
    {
        var run = await Receipts(command, option, value);

        ContractCli.AssertFails(run, 2, reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unknown_market_names_the_markets_there_are()
    {
        var run = await Receipts("stats", "--market", "water");

        Assert.Equal("market \"water\" is unknown; expected one of energy, storage, compute, ad, all", run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Reset_validation_state_sends_the_admin_token_and_prints_what_each_emitter_cleared()
    {
        _server.Reply("receipts.reset_validation_state", ReceiptsSamples.Reset);

        var run = await Receipts("reset-validation-state", "--token", "admin-secret");

        AssertPrinted(ReceiptsSamples.Reset, run);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer admin-secret", request.Authorization);
        Assert.Empty(request.Params.EnumerateObject());
    }

    [Fact]
    public async Task Reset_validation_state_without_the_admin_role_exits_1_unauthorized()
    {
        _server.ReplyError("receipts.reset_validation_state", -32001, "unauthorized", "receipts.reset_validation_state needs the admin role");

        var run = await Receipts("reset-validation-state");

        ContractCli.AssertFails(run, 1, "unauthorized");
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static void AssertPrinted(string expected, CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(JsonElement.DeepEquals(Parse(expected), run.Json), run.ToString());
    }

    private Task<CliRun> Receipts(params string[] args) => ContractCli.RunAsync(["receipts", .. args, "--rpc", _server.Url]);
}
