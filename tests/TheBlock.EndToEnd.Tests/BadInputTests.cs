using System.Text.Json;
using TheBlock.Client;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.EndToEnd.Tests;

/// <summary>Every kind of bad input gets its specific error and changes nothing.</summary>
public sealed class BadInputTests : IClassFixture<DevnetFixture>, IDisposable
{
    private readonly DevnetFixture _fixture;
    private readonly RawRpc _rpc;

    public BadInputTests(DevnetFixture fixture)
    {
        _fixture = fixture;
        _rpc = new RawRpc(fixture.Devnet.RpcUrl);
    }

    private DevnetProcess Devnet => _fixture.Devnet;

    public void Dispose() => _rpc.Dispose();

    [Fact]
    public async Task Malformed_json_is_a_parse_error()
    {
        var (_, body) = await _rpc.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");
        Assert.Equal((-32700, "parse_error"), RawRpc.Error(body!.Value));
    }

    [Fact]
    public async Task Unknown_method_is_method_not_found()
    {
        Assert.Equal((-32601, "method_not_found"), RawRpc.Error(await _rpc.CallAsync("node.no_such_method")));
    }

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_invalid_params_naming_it()
    {
        var response = await _rpc.CallAsync("block.show", """{"height":"ten"}""");
        Assert.Equal((-32602, "invalid_params"), RawRpc.Error(response));
        Assert.Contains("height", response.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_without_being_read()
    {
        var padding = new string('x', 2 * 1024 * 1024);
        var (status, body) = await _rpc.PostAsync($$$"""{"jsonrpc":"2.0","id":1,"method":"node.status","params":{"pad":"{{{padding}}}"}}""");
        Assert.Equal(413, status);
        Assert.Equal("request_too_large", RawRpc.Error(body!.Value).Reason);
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        var calls = string.Join(',', Enumerable.Range(0, 101).Select(i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"node.status"}"""));
        var (_, body) = await _rpc.PostAsync($"[{calls}]");
        Assert.Equal("batch_too_large", RawRpc.Error(body!.Value).Reason);
    }

    [Fact]
    public async Task A_batch_within_the_limit_answers_every_call_by_id()
    {
        var (_, body) = await _rpc.PostAsync("""[{"jsonrpc":"2.0","id":"a","method":"node.status"},{"jsonrpc":"2.0","id":"b","method":"nope"}]""");
        var answers = body!.Value.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.True(answers["a"].TryGetProperty("result", out _));
        Assert.Equal("method_not_found", RawRpc.Error(answers["b"]).Reason);
    }

    [Fact]
    public async Task A_tampered_signature_is_rejected_and_changes_nothing()
    {
        using var key = SigningKey.FromSeed(KeyFile.Read(_fixture.DefaultKeyFile));
        var before = await Inspect(key.Address);
        var transaction = await Transfer(key, before.NextNonce, 5);
        var tampered = transaction.Encoded.ToArray();
        tampered[^1] ^= 0x01;

        var response = await Submit(tampered);

        Assert.Equal((-32011, "bad_signature"), RawRpc.Error(response));
        Assert.Equal(before, await Inspect(key.Address));
    }

    [Fact]
    public async Task A_replayed_nonce_is_rejected_and_changes_nothing()
    {
        using var key = SigningKey.FromSeed(KeyFile.Read(_fixture.DefaultKeyFile));
        var recipient = Address.FromPublicKey(new byte[32]);
        var sent = await Devnet.CliJson("tx", "transfer", "--to", recipient.ToString(), "--amount", "7");
        var nonce = sent.GetProperty("transaction").GetProperty("nonce").GetUInt64();
        var before = await Inspect(key.Address);

        var response = await Submit((await Transfer(key, nonce, 7)).Encoded.ToArray());

        Assert.Equal((-32011, "nonce_replay"), RawRpc.Error(response));
        Assert.Equal(before, await Inspect(key.Address));
    }

    [Fact]
    public async Task A_transfer_beyond_the_balance_is_rejected_and_changes_nothing()
    {
        using var key = SigningKey.FromSeed(KeyFile.Read(_fixture.DefaultKeyFile));
        var before = await Inspect(key.Address);

        var response = await Submit((await Transfer(key, before.NextNonce, before.Balance + 1)).Encoded.ToArray());

        Assert.Equal((-32011, "insufficient_balance"), RawRpc.Error(response));
        Assert.Equal(before, await Inspect(key.Address));
    }

    [Fact]
    public async Task A_bad_address_checksum_is_a_cli_usage_error_that_sends_nothing()
    {
        var valid = Address.FromPublicKey(new byte[32]).ToString();
        var typo = valid[..^1] + (valid[^1] == 'q' ? 'p' : 'q');

        var result = await Devnet.Cli("tx", "transfer", "--to", typo, "--amount", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        using var error = JsonDocument.Parse(result.Stderr);
        Assert.Equal("invalid_address", error.RootElement.GetProperty("error").GetProperty("reason").GetString());
        Assert.Contains("bad checksum", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_method_without_the_token_or_with_a_wrong_one_is_unauthorized_and_changes_nothing()
    {
        Assert.Equal((-32001, "unauthorized"), RawRpc.Error(await _rpc.CallAsync("gov.treasury.executor.pause", token: null)));
        Assert.Equal((-32001, "unauthorized"), RawRpc.Error(await _rpc.CallAsync("gov.treasury.executor.pause", token: "not-the-token")));

        var status = await _rpc.CallAsync("gov.treasury.executor.status");
        Assert.False(status.GetProperty("result").GetProperty("paused").GetBoolean());
    }

    private async Task<Transaction> Transfer(SigningKey key, ulong nonce, ulong amount)
    {
        var chainId = (await Devnet.CliJson("node", "status")).GetProperty("chain_id").GetString()!;
        return Transaction.CreateSigned(chainId, key, nonce, 0, new TransferPayload(Address.FromPublicKey(new byte[32]), amount));
    }

    /// <summary>Without a token: the signature authorises a transaction.</summary>
    private Task<JsonElement> Submit(byte[] encoded) =>
        _rpc.CallAsync("tx.submit", $$"""{"tx":"{{Convert.ToHexStringLower(encoded)}}"}""");

    private async Task<AccountSnapshot> Inspect(Address address)
    {
        var result = (await _rpc.CallAsync("node.ledger.inspect", $$"""{"account":"{{address}}"}""")).GetProperty("result");
        return new AccountSnapshot(result.GetProperty("balance").GetUInt64(), result.GetProperty("nonce").GetUInt64(), result.GetProperty("next_nonce").GetUInt64());
    }

    private sealed record AccountSnapshot(ulong Balance, ulong Nonce, ulong NextNonce);
}
