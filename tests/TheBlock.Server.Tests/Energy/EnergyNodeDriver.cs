using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Tests.Rpc;

namespace TheBlock.Server.Tests.Energy;

/// <summary>
/// Drives the energy market of a real node over HTTP as a wallet and an oracle would: signs transactions with the
/// devnet's funded key (or any key it funded), submits them with <c>tx.submit</c> and
/// waits until a committed block holds them.
/// </summary>
internal sealed class EnergyNodeDriver(NodeRpcTestHost node) : IDisposable
{
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(20);

    private readonly Dictionary<Address, ulong> _nonces = [];
    private readonly Dictionary<(string, string), ulong> _meterNonces = [];
    private string? _chainId;

    public SigningKey Dev { get; } = SigningKey.FromSeed(node.FundedSeed);

    public static SigningKey MeterKey { get; } = TestKeys.KeyFor("energy-node/meter");

    /// <summary>Signs, submits and waits; returns the committed <c>tx.status</c> result.</summary>
    public async Task<JsonElement> CommitAsync(SigningKey signer, TransactionPayload payload)
    {
        _chainId ??= (await ResultAsync(CoreMethods.NodeStatus)).GetProperty("chain_id").GetString();
        var nonce = _nonces[signer.Address] = _nonces.GetValueOrDefault(signer.Address) + 1;
        var transaction = Transaction.CreateSigned(_chainId!, signer, nonce, 0, payload);
        await ResultAsync(CoreMethods.TxSubmit, $$"""{"tx":"{{Convert.ToHexStringLower(transaction.Encoded.Span)}}"}""");
        var committed = await Wait.UntilAsync(
            async () =>
            {
                var status = await ResultAsync(CoreMethods.TxStatus, $$"""{"hash":"{{transaction.Hash}}"}""");
                var state = status.GetProperty("status").GetString();
                Assert.NotEqual(TransactionStatuses.Rejected, state);
                return state == TransactionStatuses.Committed ? status.GetRawText() : null;
            },
            CommitWait,
            $"{payload.Kind} transaction {transaction.Hash} committed");
        return JsonElement.Parse(committed);
    }

    /// <summary>A reading of <paramref name="meter"/> signed with <paramref name="key"/> (the meter key by default) at the meter's next nonce.</summary>
    public SignedReading Reading(string providerId, string meter, ulong totalKwh, SigningKey? key = null)
    {
        var nonce = _meterNonces[(providerId, meter)] = _meterNonces.GetValueOrDefault((providerId, meter)) + 1;
        var timestamp = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 100 + nonce;
        var message = SignedReading.SigningMessage(providerId, meter, totalKwh, timestamp, nonce);
        return new SignedReading(providerId, meter, totalKwh, timestamp, nonce, (key ?? MeterKey).Sign(message));
    }

    public async Task<JsonElement> ResultAsync(string method, string paramsJson = "{}", string? token = null)
    {
        var answer = await node.CallAsync(method, paramsJson, token);
        Assert.True(answer.TryGetProperty("result", out var result), $"{method} {paramsJson}: {answer}");
        return result;
    }

    public async Task<JsonElement> ErrorAsync(string method, string paramsJson = "{}", string? token = null)
    {
        var answer = await node.CallAsync(method, paramsJson, token);
        Assert.True(answer.TryGetProperty("error", out var error), $"{method} {paramsJson} should fail: {answer}");
        return error;
    }

    public void Dispose()
    {
        Dev.Dispose();
    }
}
