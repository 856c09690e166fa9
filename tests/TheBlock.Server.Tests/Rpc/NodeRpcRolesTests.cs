using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>The roles of the methods a real node registers (spec/conventions.md, "Auth").</summary>
public sealed class NodeRpcRolesTests
{
    [Fact]
    public async Task Tx_submit_needs_no_token_because_the_signature_authorises_it()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();
        using var key = SigningKey.FromSeed(node.FundedSeed);
        Transaction transfer = await SignTransferAsync(node, key, 5);

        JsonElement answer = await node.CallAsync("tx.submit", Hex(transfer));

        JsonElement submitted = RpcAssert.Result(answer);
        Assert.Equal(transfer.Hash.ToString(), submitted.GetProperty("tx_hash").GetString());
        Assert.Equal("pending", submitted.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Tx_submit_without_a_token_still_refuses_a_bad_signature()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();
        using var key = SigningKey.FromSeed(node.FundedSeed);
        byte[] encoded = (await SignTransferAsync(node, key, 5)).Encoded.ToArray();
        encoded[^1] ^= 0x01;

        JsonElement answer = await node.CallAsync("tx.submit", $$"""{"tx":"{{Convert.ToHexStringLower(encoded)}}"}""");

        RpcAssert.Error(answer, RpcErrorCodes.TransactionRejected, "bad_signature");
    }

    [Fact]
    public async Task Every_method_that_is_not_public_refuses_a_missing_a_wrong_and_another_roles_token_as_unauthorized()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();
        List<RpcMethod> guarded = [.. node.Dispatcher.Methods.Where(method => method.Role != RpcRole.Public)];
        Assert.NotEmpty(guarded);

        foreach (RpcMethod method in guarded)
        {
            IEnumerable<string?> refused =
            [
                null,
                "not-a-token",
                node.AdminToken + "x",
                .. Enum.GetValues<RpcRole>().Where(role => role is not (RpcRole.Public or RpcRole.Admin) && role != method.Role).Select(node.TokenOf),
            ];
            foreach (string? token in refused)
            {
                JsonElement answer = await node.CallAsync(method.Name, "{}", token);

                RpcAssert.Error(answer, RpcErrorCodes.Unauthorized, CoreReasonRegistry.Unauthorized);
                Assert.Equal(method.Role.ToWireName(), answer.GetProperty("error").GetProperty("data").GetProperty("required_role").GetString());
            }
        }
    }

    [Fact]
    public async Task The_admin_token_is_needed_only_for_what_the_node_signs_or_controls()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();

        string[] admin = [.. node.Dispatcher.Methods.Where(method => method.Role == RpcRole.Admin).Select(method => method.Name).Order(StringComparer.Ordinal)];

        Assert.Equal(["audit.settlement", "debug.fault.set", "debug.receipts.traffic.set", "energy.disputes.resolve", "gov.treasury.executor.pause", "gov.treasury.executor.resume", "gov.treasury.rollback", "receipts.reset_validation_state"], admin);
    }

    [Fact]
    public async Task Rpc_methods_lists_every_served_method_with_its_role()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();

        JsonElement listed = RpcAssert.Result(await node.CallAsync(CoreMethods.RpcMethods)).GetProperty("methods");

        Assert.Equal(
            node.Dispatcher.Methods.Select(method => (method.Name, method.Role.ToWireName())),
            listed.EnumerateArray().Select(entry => (entry.GetProperty("name").GetString()!, entry.GetProperty("role").GetString()!)));
        Assert.Contains(listed.EnumerateArray(), entry => entry.GetProperty("name").GetString() == CoreMethods.RpcMethods);
    }

    [Fact]
    public async Task The_method_table_in_RPC_ERRORS_md_lists_exactly_the_served_methods_and_their_roles()
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();

        Assert.Equal(
            node.Dispatcher.Methods.Select(method => (method.Name, method.Role.ToWireName())).Order(),
            RpcDocument.MethodTable().Order());
    }

    private static async Task<Transaction> SignTransferAsync(NodeRpcTestHost node, SigningKey key, ulong amount)
    {
        string chainId = RpcAssert.Result(await node.CallAsync("node.status")).GetProperty("chain_id").GetString()!;
        ulong nonce = RpcAssert.Result(await node.CallAsync("node.ledger.inspect", $$"""{"account":"{{key.Address}}"}""")).GetProperty("next_nonce").GetUInt64();
        return Transaction.CreateSigned(chainId, key, nonce, 0, new TransferPayload(Address.FromPublicKey(new byte[32]), amount));
    }

    private static string Hex(Transaction transaction) => $$"""{"tx":"{{Convert.ToHexStringLower(transaction.Encoded.Span)}}"}""";
}
