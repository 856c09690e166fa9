using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Protocol;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Tests.Energy;

/// <summary>
/// The energy transaction commands sign the payload with --key at the account's next nonce, submit it and wait for
/// the commit like the gov commands; a term the chain would refuse statelessly is refused before anything is sent.
/// </summary>
public sealed class EnergyTransactionCommandsTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeRpcServer _server = new();
    private readonly string _keyFile;
    private readonly string _owner = TestKeys.FilledAddress(1);
    private readonly string _offtaker = TestKeys.FilledAddress(2);

    public EnergyTransactionCommandsTests()
    {
        _keyFile = TestKeys.WriteKeyFile(_directory, 1);
        _server
            .Reply("node.status", Samples.NodeStatus)
            .Reply("node.ledger.inspect", Samples.Ledger(_owner, 4))
            .Reply("tx.submit", $$"""{"tx_hash":"{{Samples.Hash}}","status":"pending"}""")
            .Reply("tx.status", Samples.TxStatus(Samples.Hash, "committed"))
            .Reply("energy.provider.show", EnergySamples.Provider);
    }

    public void Dispose()
    {
        _server.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Provider_register_signs_every_term_and_prints_the_committed_status()
    {
        var run = await Energy(
            "provider", "register", "--provider-id", "provider_usa_001", "--public-key", EnergySamples.PublicKey, "--meters", "meter_001, meter_002",
            "--capacity-kwh", "10000", "--price-per-kwh", "3", "--jurisdiction", "US-CA", "--offtaker", _offtaker, "--stake", "5000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var transaction = Submitted();
        Assert.Equal(_owner, transaction.Sender.ToString());
        Assert.Equal(4UL, transaction.Nonce);
        var payload = Assert.IsType<ProviderRegisterPayload>(transaction.Payload);
        Assert.Equal("provider_usa_001", payload.ProviderId);
        Assert.Equal(new byte[32], payload.PublicKey.ToArray());
        Assert.Equal(["meter_001", "meter_002"], payload.Terms.Meters);
        Assert.Equal((10_000UL, 3UL, "US-CA", _offtaker, 5_000UL), (payload.Terms.CapacityKwh, payload.Terms.PricePerKwh, payload.Terms.Jurisdiction, payload.Terms.Offtaker.ToString(), payload.Stake));
        Assert.Equal("committed", run.Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("--public-key", "not base64!", "invalid_provider")]
    [InlineData("--public-key", "AAAA", "invalid_provider")]
    [InlineData("--offtaker", "ct1nope", "invalid_address")]
    [InlineData("--stake", "0", "invalid_amount")]
    [InlineData("--price-per-kwh", "0", "invalid_provider")]
    public async Task Provider_register_refuses_a_bad_term_before_sending(string option, string value, string reason)
    {
        var terms = new Dictionary<string, string>
        {
            ["--provider-id"] = "provider_usa_001",
            ["--public-key"] = EnergySamples.PublicKey,
            ["--meters"] = "meter_001",
            ["--capacity-kwh"] = "10",
            ["--price-per-kwh"] = "3",
            ["--jurisdiction"] = "US-CA",
            ["--offtaker"] = _offtaker,
            ["--stake"] = "5000",
        };
        terms[option] = value;

        var run = await Energy(["provider", "register", .. terms.SelectMany(t => new[] { t.Key, t.Value })]);

        ContractCli.AssertFails(run, 2, reason);
        Assert.DoesNotContain(_server.Requests, r => r.Method == "tx.submit");
    }

    [Fact]
    public async Task Provider_update_replaces_only_the_terms_given()
    {
        var run = await Energy("provider", "update", "--provider-id", "provider_usa_001", "--price-per-kwh", "4");

        Assert.True(run.ExitCode == 0, run.ToString());
        var payload = Assert.IsType<ProviderUpdatePayload>(Submitted().Payload);
        Assert.Equal(4UL, payload.Terms.PricePerKwh);
        Assert.Equal(["meter_001", "meter_002"], payload.Terms.Meters);
        Assert.Equal(10_000UL, payload.Terms.CapacityKwh);
        Assert.Equal("US-CA", payload.Terms.Jurisdiction);
        Assert.Equal(_offtaker, payload.Terms.Offtaker.ToString());
    }

    [Fact]
    public async Task Provider_update_without_a_term_is_a_usage_error()
    {
        var run = await Energy("provider", "update", "--provider-id", "provider_usa_001");

        ContractCli.AssertFails(run, 2, "nothing_to_update");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Rotate_key_exit_deposit_withdraw_and_dispute_open_sign_their_payloads()
    {
        var newKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        Assert.Equal(0, (await Energy("provider", "rotate-key", "--provider-id", "p1", "--public-key", newKey)).ExitCode);
        Assert.Equal(0, (await Energy("provider", "exit", "--provider-id", "p1")).ExitCode);
        Assert.Equal(0, (await Energy("escrow", "deposit", "--amount", "50000")).ExitCode);
        Assert.Equal(0, (await Energy("escrow", "withdraw", "--amount", "10")).ExitCode);
        Assert.Equal(0, (await Energy("disputes", "open", "--credit-id", "42", "--reason", "meter reads above capacity")).ExitCode);

        var payloads = _server.Requests.Where(r => r.Method == "tx.submit").Select(r => Decode(r.Params).Payload).ToList();
        Assert.Equal<TransactionPayload>(
            [
                new ProviderRotateKeyPayload("p1", Enumerable.Repeat((byte)7, 32).ToArray()),
                new ProviderExitPayload("p1"),
                new EscrowDepositPayload(50_000),
                new EscrowWithdrawPayload(10),
                new DisputeOpenPayload(42, "meter reads above capacity"),
            ],
            payloads,
            new PayloadComparer());
    }

    [Theory]
    [InlineData("escrow", "deposit", "--amount", "0", "invalid_amount")]
    [InlineData("disputes", "open", "--reason", " ", "invalid_dispute")]
    public async Task A_zero_amount_or_blank_reason_is_refused_before_sending(string group, string action, string option, string value, string reason)
    {
        string[] args = group == "disputes" ? [group, action, "--credit-id", "1", option, value] : [group, action, option, value];

        var run = await Energy(args);

        ContractCli.AssertFails(run, 2, reason);
        Assert.Empty(_server.Requests);
    }

    private Transaction Submitted() => Decode(_server.Requests.Single(r => r.Method == "tx.submit").Params);

    private static Transaction Decode(JsonElement parameters) =>
        Transaction.Decode(Convert.FromHexString(parameters.GetProperty("tx").GetString()!), StandardChain.Modules);

    private Task<CliRun> Energy(params string[] args) => ContractCli.RunAsync(["energy", .. args, "--key", _keyFile, "--rpc", _server.Url]);

    /// <summary>Payloads compare by their canonical bytes (records holding byte memory do not compare by content).</summary>
    private sealed class PayloadComparer : IEqualityComparer<TransactionPayload>
    {
        public bool Equals(TransactionPayload? x, TransactionPayload? y) =>
            x is not null && y is not null && x.Kind == y.Kind && Bytes(x).SequenceEqual(Bytes(y));

        public int GetHashCode(TransactionPayload obj) => obj.Kind.GetHashCode();

        private static byte[] Bytes(TransactionPayload payload)
        {
            var writer = new Protocol.Encoding.CanonicalWriter();
            payload.Write(writer);
            return writer.ToArray();
        }
    }
}
