using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Protocol;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Tests.Receipts;

/// <summary>
/// The market commands sign their payload with --key at the account's next nonce and wait for the commit; the agreement
/// commands then print the agreement their <c>market_agreement_changed</c> event carries, so <c>jq .agreement_id</c>
/// needs no second call. What the chain would refuse statelessly is refused before anything is sent.
/// </summary>
public sealed class MarketCommandsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeRpcServer _server = new();
    private readonly string _keyFile;
    private readonly string _buyer = TestKeys.FilledAddress(1);

    public MarketCommandsTests()
    {
        _keyFile = TestKeys.WriteKeyFile(_directory, 1);
        _server
            .Reply("node.status", Samples.NodeStatus)
            .Reply("node.ledger.inspect", Samples.Ledger(_buyer, 4))
            .Reply("tx.submit", $$"""{"tx_hash":"{{Samples.Hash}}","status":"pending"}""")
            .Reply("tx.status", ReceiptsSamples.AgreementCommitted(ReceiptsSamples.Agreement()));
    }

    public void Dispose()
    {
        _server.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Provider_register_signs_the_market_key_and_stake_and_prints_the_committed_status()
    {
        var run = await Market("provider", "register", "--market", "compute", "--provider-id", "compute_usa_001", "--public-key", ReceiptsSamples.PublicKey, "--stake", "10000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var transaction = Submitted();
        Assert.Equal((_buyer, 4UL), (transaction.Sender.ToString(), transaction.Nonce));
        var payload = Assert.IsType<MarketProviderRegisterPayload>(transaction.Payload);
        Assert.Equal((ServiceMarket.Compute, "compute_usa_001", 10_000UL), (payload.Market, payload.ProviderId, payload.Stake));
        Assert.Equal(Enumerable.Repeat((byte)9, 32).ToArray(), payload.PublicKey.ToArray());
        Assert.Equal("committed", run.Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--market", "energy", "invalid_market_request")]
    [InlineData("--market", "Storage", "invalid_market_request")]
    [InlineData("--public-key", "AAAA", "invalid_market_request")]
    [InlineData("--public-key", "not base64!", "invalid_market_request")]
    [InlineData("--provider-id", "", "invalid_market_request")]
    [InlineData("--stake", "0", "invalid_amount")]
    [InlineData("--stake", "-5", "invalid_amount")]
    public async Task Provider_register_refuses_bad_input_before_sending(string option, string value, string reason)
    {
        var options = new Dictionary<string, string>
        {
            ["--market"] = "storage",
            ["--provider-id"] = "storage_usa_001",
            ["--public-key"] = ReceiptsSamples.PublicKey,
            ["--stake"] = "10000",
        };
        options[option] = value;

        var run = await Market(["provider", "register", .. options.SelectMany(o => new[] { o.Key, o.Value })]);

        ContractCli.AssertFails(run, 2, reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Agreement_open_prints_the_new_agreement_id_read_from_the_committed_event()
    {
        var run = await Market("agreement", "open", "--market", "storage", "--provider-id", "storage_dev_001", "--unit-price", "2", "--deposit", "50000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var payload = Assert.IsType<AgreementOpenPayload>(Submitted().Payload);
        Assert.Equal((ServiceMarket.Storage, "storage_dev_001", 2UL, 50_000UL), (payload.Market, payload.ProviderId, payload.UnitPrice, payload.Deposit));
        Assert.Equal(["agreement_id", "tx_hash", "block_height", "agreement"], run.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(7UL, run.Json.GetProperty("agreement_id").GetUInt64());
        Assert.Equal(Samples.Hash, run.Json.GetProperty("tx_hash").GetString());
        Assert.Equal(43UL, run.Json.GetProperty("block_height").GetUInt64());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(ReceiptsSamples.Agreement()).RootElement, run.Json.GetProperty("agreement")));
    }

    [Fact]
    public async Task Agreement_open_with_no_wait_prints_only_the_transaction_hash()
    {
        var run = await Market("agreement", "open", "--market", "ad", "--provider-id", "ad_dev_001", "--unit-price", "1", "--deposit", "10", "--no-wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Submitted().Hash.ToString(), run.Json.GetProperty("tx_hash").GetString());
        Assert.DoesNotContain(_server.Requests, r => r.Method == "tx.status");
    }

    [Fact]
    public async Task A_committed_open_whose_result_names_no_agreement_is_an_unexpected_response()
    {
        _server.Reply("tx.status", Samples.CommittedWithEvents(Samples.Hash, "[]"));

        var run = await Market("agreement", "open", "--market", "storage", "--provider-id", "storage_dev_001", "--unit-price", "2", "--deposit", "50000");

        ContractCli.AssertFails(run, 1, "unexpected_response");
        Assert.Contains("names no changed agreement", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_open_exits_1_with_the_chains_reason()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "rejected", "market_provider_not_found", "no storage provider nobody is registered"));

        var run = await Market("agreement", "open", "--market", "storage", "--provider-id", "nobody", "--unit-price", "2", "--deposit", "50000");

        ContractCli.AssertFails(run, 1, "market_provider_not_found");
    }

    [Theory]
    [InlineData("--unit-price", "0", "invalid_market_request")]
    [InlineData("--unit-price", "1000000001", "invalid_market_request")]
    [InlineData("--deposit", "0", "invalid_amount")]
    [InlineData("--market", "energy", "invalid_market_request")]
    public async Task Agreement_open_refuses_bad_terms_before_sending(string option, string value, string reason)
    {
        var options = new Dictionary<string, string>
        {
            ["--market"] = "storage",
            ["--provider-id"] = "storage_dev_001",
            ["--unit-price"] = "2",
            ["--deposit"] = "50000",
        };
        options[option] = value;

        var run = await Market(["agreement", "open", .. options.SelectMany(o => new[] { o.Key, o.Value })]);

        ContractCli.AssertFails(run, 2, reason);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Agreement_top_up_signs_the_amount_and_prints_the_new_deposit()
    {
        _server.Reply("tx.status", ReceiptsSamples.AgreementCommitted(ReceiptsSamples.Agreement(deposit: 60_000)));

        var run = await Market("agreement", "top-up", "--agreement-id", "7", "--amount", "10000");
        var zero = await Market("agreement", "top-up", "--agreement-id", "7", "--amount", "0");

        Assert.True(run.ExitCode == 0, run.ToString());
        var payload = Assert.IsType<AgreementTopUpPayload>(Submitted().Payload);
        Assert.Equal((7UL, 10_000UL), (payload.AgreementId, payload.Amount));
        Assert.Equal(60_000UL, run.Json.GetProperty("agreement").GetProperty("deposit").GetUInt64());
        ContractCli.AssertFails(zero, 2, "invalid_amount");
    }

    [Fact]
    public async Task Agreement_close_prints_the_refund_of_the_unused_deposit()
    {
        _server.Reply("tx.status", ReceiptsSamples.AgreementCommitted(ReceiptsSamples.Agreement("closed", deposit: 0, refunded: "49992")));

        var run = await Market("agreement", "close", "--agreement-id", "7");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(7UL, Assert.IsType<AgreementClosePayload>(Submitted().Payload).AgreementId);
        Assert.Equal(["agreement_id", "refunded", "tx_hash", "block_height", "agreement"], run.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(49_992UL, run.Json.GetProperty("refunded").GetUInt64());
        Assert.Equal("closed", run.Json.GetProperty("agreement").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Agreement_show_and_providers_list_print_their_methods_results()
    {
        _server.Reply("market.agreement.show", ReceiptsSamples.Agreement()).Reply("market.providers.list", ReceiptsSamples.Providers);

        var show = await Market("agreement", "show", "--agreement-id", "7");
        var list = await Market("providers", "list", "--market", "storage");
        var all = await Market("providers", "list");
        var bad = await Market("providers", "list", "--market", "energy");

        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(ReceiptsSamples.Agreement()).RootElement, show.Json), show.ToString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(ReceiptsSamples.Providers).RootElement, list.Json), list.ToString());
        Assert.Equal(0, all.ExitCode);
        ContractCli.AssertFails(bad, 2, "invalid_market");
        Assert.Equal(
            ["""{"agreement_id":7}""", """{"market":"storage"}""", "{}"],
            _server.Requests.Select(r => r.Params.GetRawText()));
    }

    private Transaction Submitted() =>
        Transaction.Decode(Convert.FromHexString(_server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!), StandardChain.Modules);

    private Task<CliRun> Market(params string[] args) => ContractCli.RunAsync(["market", .. args, "--key", _keyFile, "--rpc", _server.Url]);
}
