using System.Text.Json;
using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Energy;

/// <summary>
/// The runbook's "Energy Stalled" reads: each command calls its method with named params and prints the result
/// unchanged, so the runbook's jq paths read it; bad input is refused before anything is sent.
/// </summary>
public sealed class EnergyQueryCommandsTests : IDisposable
{
    private readonly FakeRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Market_prints_the_providers_and_summary_unchanged()
    {
        _server.Reply("energy.market", EnergySamples.Market);

        var run = await Energy("market");

        AssertPrinted(EnergySamples.Market, run);
        Assert.Empty(Assert.Single(_server.Requests).Params.EnumerateObject());
        var provider = run.Json.GetProperty("providers")[0];
        Assert.Equal(EnergySamples.ProviderId, provider.GetProperty("provider_id").GetString());
        Assert.Equal("active", provider.GetProperty("status").GetString());
        Assert.Equal(0.9, provider.GetProperty("reputation_score").GetDouble());
        Assert.Equal(0.9, provider.GetProperty("reputation").GetProperty("composite_score").GetDouble());
    }

    [Fact]
    public async Task Provider_show_takes_the_id_as_an_argument_as_the_runbook_calls_it()
    {
        _server.Reply("energy.provider.show", EnergySamples.Provider);

        var run = await Energy("provider", "show", EnergySamples.ProviderId);

        AssertPrinted(EnergySamples.Provider, run);
        Assert.True(JsonElement.DeepEquals(Parse($$"""{"provider_id":"{{EnergySamples.ProviderId}}"}"""), Assert.Single(_server.Requests).Params));
        Assert.Equal(EnergySamples.PublicKey, run.Json.GetProperty("public_key").GetString());
        Assert.Equal(JsonValueKind.Null, run.Json.GetProperty("last_settlement").ValueKind);
    }

    [Fact]
    public async Task Provider_show_of_an_unknown_provider_exits_1_with_the_nodes_reason()
    {
        _server.ReplyError("energy.provider.show", -32004, "provider_not_found", "there is no provider p9");

        var run = await Energy("provider", "show", "p9");

        ContractCli.AssertFails(run, 1, "provider_not_found");
    }

    [Fact]
    public async Task Credits_list_sends_status_provider_and_limit_as_named_params()
    {
        _server.Reply("energy.credits.list", EnergySamples.Credits);

        var run = await Energy("credits", "list", "--status", "pending", "--provider", EnergySamples.ProviderId, "--limit", "50");

        AssertPrinted(EnergySamples.Credits, run);
        Assert.True(JsonElement.DeepEquals(
            Parse($$"""{"status":"pending","provider":"{{EnergySamples.ProviderId}}","limit":50}"""), Assert.Single(_server.Requests).Params));
        Assert.Equal(100UL, run.Json.GetProperty("credits")[0].GetProperty("amount_kwh").GetUInt64());
        Assert.Equal(EnergySamples.ProviderId, run.Json.GetProperty("credits")[0].GetProperty("provider_id").GetString());
    }

    [Theory]
    [InlineData("--status", "Pending", "invalid_status")]
    [InlineData("--status", "stuck", "invalid_status")]
    [InlineData("--limit", "0", "invalid_limit")]
    [InlineData("--limit", "1001", "invalid_limit")]
    [InlineData("--limit", "ten", "invalid_limit")]
    public async Task Credits_list_refuses_bad_input_before_sending(string option, string value, string reason)
    {
        var run = await Energy("credits", "list", option, value);

        ContractCli.AssertFails(run, 2, reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unknown_credit_status_names_the_allowed_ones()
    {
        var run = await Energy("credits", "list", "--status", "lost");

        Assert.Equal(
            "status \"lost\" is not a credit status; expected one of pending, settled, expired, disputed, voided",
            run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Disputes_list_and_show_print_the_nodes_result()
    {
        _server.Reply("energy.disputes.list", EnergySamples.Disputes).Reply("energy.disputes.show", EnergySamples.Dispute);

        var list = await Energy("disputes", "list", "--status", "resolved", "--limit", "5");
        var show = await Energy("disputes", "show", "--id", "1");

        AssertPrinted(EnergySamples.Disputes, list);
        AssertPrinted(EnergySamples.Dispute, show);
        Assert.Equal([1UL], list.Json.GetProperty("disputes").EnumerateArray().Select(d => d.GetProperty("dispute_id").GetUInt64()));
        Assert.True(JsonElement.DeepEquals(Parse("""{"status":"resolved","limit":5}"""), _server.Requests[0].Params));
        Assert.True(JsonElement.DeepEquals(Parse("""{"id":1}"""), _server.Requests[1].Params));
    }

    [Fact]
    public async Task Disputes_list_with_an_unknown_status_is_a_usage_error()
    {
        var run = await Energy("disputes", "list", "--status", "closed");

        ContractCli.AssertFails(run, 2, "invalid_status");
        Assert.Contains("expected open or resolved", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disputes_resolve_sends_the_outcome_and_refuses_an_unknown_one()
    {
        _server.Reply("energy.disputes.resolve", EnergySamples.Dispute);

        var run = await Energy("disputes", "resolve", "--id", "1", "--outcome", "upheld");
        var bad = await Energy("disputes", "resolve", "--id", "1", "--outcome", "maybe");

        AssertPrinted(EnergySamples.Dispute, run);
        Assert.True(JsonElement.DeepEquals(Parse("""{"id":1,"outcome":"upheld"}"""), Assert.Single(_server.Requests).Params));
        ContractCli.AssertFails(bad, 2, "invalid_dispute");
    }

    [Fact]
    public async Task Escrow_show_checks_the_address_before_sending()
    {
        _server.Reply("energy.escrow.show", $$"""{"address":"{{TestKeys.FilledAddress(2)}}","escrow":99250}""");

        var run = await Energy("escrow", "show", "--address", TestKeys.FilledAddress(2));
        var bad = await Energy("escrow", "show", "--address", TestKeys.WithBadChecksum(TestKeys.FilledAddress(2)));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(99_250UL, run.Json.GetProperty("escrow").GetUInt64());
        ContractCli.AssertFails(bad, 2, "invalid_address");
        Assert.Single(_server.Requests);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    private static void AssertPrinted(string expected, CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(JsonElement.DeepEquals(Parse(expected), run.Json), run.ToString());
    }

    private Task<CliRun> Energy(params string[] args) => ContractCli.RunAsync(["energy", .. args, "--rpc", _server.Url]);
}
