using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Protocol;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Tests;

public sealed class TxTransferTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeRpcServer _server = new();
    private readonly string _keyFile;
    private readonly string _sender = TestKeys.FilledAddress(1);
    private readonly string _recipient = TestKeys.FilledAddress(2);

    public TxTransferTests()
    {
        _keyFile = TestKeys.WriteKeyFile(_directory, 1);
        _server
            .Reply("node.status", Samples.NodeStatus)
            .Reply("node.ledger.inspect", Samples.Ledger(_sender, 7))
            .Reply("tx.submit", $$"""{"tx_hash":"{{Samples.Hash}}","status":"pending"}""");
    }

    public void Dispose()
    {
        _server.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Transfer_signs_with_the_chain_id_and_next_nonce_and_submits_with_the_token()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "committed"));

        var run = await Transfer("--amount", "250", "--fee", "3");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["node.status", "node.ledger.inspect", "tx.submit", "tx.status"], _server.Requests.Select(r => r.Method));
        Assert.Equal(_sender, _server.Requests[1].Params.GetProperty("account").GetString());

        var submit = _server.Requests[2];
        Assert.Equal("Bearer s3cret", submit.Authorization);
        var hex = submit.Params.GetProperty("tx").GetString()!;
        Assert.Equal(hex.ToLowerInvariant(), hex);
        var transaction = Transaction.Decode(Convert.FromHexString(hex), StandardChain.Modules);
        Assert.True(transaction.VerifySignature());
        Assert.Equal(Samples.ChainId, transaction.ChainId);
        Assert.Equal(7UL, transaction.Nonce);
        Assert.Equal(3UL, transaction.Fee);
        Assert.Equal(_sender, transaction.Sender.ToString());
        var payload = Assert.IsType<TransferPayload>(transaction.Payload);
        Assert.Equal(_recipient, payload.To.ToString());
        Assert.Equal(250UL, payload.Amount);

        Assert.Equal(transaction.Hash.ToString(), _server.Requests[3].Params.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Transfer_waits_through_pending_until_committed_and_prints_the_status()
    {
        var committed = Samples.TxStatus(Samples.Hash, "committed");
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "pending"), Samples.TxStatus(Samples.Hash, "pending"), committed);

        var run = await Transfer("--amount", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, _server.Requests.Count(r => r.Method == "tx.status"));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(committed).RootElement, run.Json));
    }

    [Fact]
    public async Task An_explicit_nonce_is_used_without_asking_the_ledger()
    {
        var run = await Transfer("--amount", "5", "--nonce", "42", "--no-wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_server.Requests, r => r.Method == "node.ledger.inspect");
        var transaction = Transaction.Decode(Convert.FromHexString(_server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!), StandardChain.Modules);
        Assert.Equal(42UL, transaction.Nonce);
    }

    [Fact]
    public async Task No_wait_prints_the_transaction_hash_and_does_not_poll()
    {
        var run = await Transfer("--amount", "5", "--no-wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_server.Requests, r => r.Method == "tx.status");
        var hex = _server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!;
        var hash = Transaction.Decode(Convert.FromHexString(hex), StandardChain.Modules).Hash.ToString();
        Assert.Equal(hash, run.Json.GetProperty("tx_hash").GetString());
    }

    [Fact]
    public async Task A_transaction_rejected_at_inclusion_exits_1_with_its_reason()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "pending"), Samples.TxStatus(Samples.Hash, "rejected", "insufficient_balance", "balance 10 is less than 260"));

        var run = await Transfer("--amount", "250");

        ContractCli.AssertFails(run, 1, "insufficient_balance");
        Assert.Equal("balance 10 is less than 260", run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_transaction_rejected_at_admission_exits_1_with_the_servers_reason()
    {
        _server.ReplyError("tx.submit", -32001, "nonce_replay", "nonce 7 was already used");

        var run = await Transfer("--amount", "250");

        ContractCli.AssertFails(run, 1, "nonce_replay");
        Assert.Equal(-32001, run.ErrorCode);
    }

    [Fact]
    public async Task A_transaction_still_pending_at_the_timeout_exits_1_naming_the_hash()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "pending"));

        var run = await Transfer("--amount", "5", "--timeout", "1");

        ContractCli.AssertFails(run, 1, "timeout");
        var hash = _server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!;
        Assert.Contains(Transaction.Decode(Convert.FromHexString(hash), StandardChain.Modules).Hash.ToString(), run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("tx status --hash", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_destination_with_a_bad_checksum_is_a_usage_error_and_sends_nothing()
    {
        var run = await ContractCli.RunAsync("tx", "transfer", "--to", TestKeys.WithBadChecksum(_recipient), "--amount", "5", "--key", _keyFile, "--rpc", _server.Url);

        ContractCli.AssertFails(run, 2, "invalid_address");
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999999")]
    public async Task An_amount_that_is_not_a_whole_number_of_at_least_1_is_a_usage_error(string amount)
    {
        var run = await Transfer("--amount", amount);

        ContractCli.AssertFails(run, 2, "invalid_amount");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_missing_key_file_is_a_usage_error_naming_the_path()
    {
        var missing = _directory.File("missing.key");

        var run = await ContractCli.RunAsync("tx", "transfer", "--to", _recipient, "--amount", "5", "--key", missing, "--rpc", _server.Url);

        ContractCli.AssertFails(run, 2, "key_unavailable");
        Assert.Contains(missing, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_key_file_that_is_not_a_key_is_a_usage_error()
    {
        var bad = _directory.File("bad.key");
        await File.WriteAllTextAsync(bad, "not base64 at all!");

        var run = await ContractCli.RunAsync("tx", "transfer", "--to", _recipient, "--amount", "5", "--key", bad, "--rpc", _server.Url);

        ContractCli.AssertFails(run, 2, "key_unavailable");
        Assert.Contains(bad, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private Task<CliRun> Transfer(params string[] extra) =>
        ContractCli.RunAsync(["tx", "transfer", "--to", _recipient, "--key", _keyFile, "--token", "s3cret", "--rpc", _server.Url, .. extra]);
}
