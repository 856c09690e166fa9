using System.Text.Json;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Tests.Rpc;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>A committed transaction's result (its events) comes back from <c>tx.status</c>, so a client needs no second lookup.</summary>
public class TransactionResultTests
{
    [Fact]
    public async Task A_committed_disbursement_create_returns_the_created_disbursement_in_its_result()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var member = SigningKey.FromSeed(node.FundedSeed);
        var genesis = await node.CallAsync("node.status");
        var chainId = genesis.GetProperty("result").GetProperty("chain_id").GetString()!;
        var proposal = TreasuryScenario.Proposal(destination: member.Address, amountCt: 10);
        var create = Transaction.CreateSigned(chainId, member, 1, 0, new DisbursementCreatePayload(proposal));
        var transfer = Transaction.CreateSigned(chainId, member, 2, 0, new TransferPayload(TestKeys.Stranger(1), 5));

        foreach (var transaction in new[] { create, transfer })
        {
            var submitted = await node.CallAsync("tx.submit", $$"""{"tx":"{{Convert.ToHexStringLower(transaction.Encoded.Span)}}"}""");
            Assert.True(submitted.TryGetProperty("result", out _), submitted.ToString());
        }

        var created = await Committed(node, create);
        var result = Assert.Single(created.GetProperty("events").EnumerateArray());
        Assert.Equal("disbursement_created", result.GetProperty("type").GetString());
        Assert.Equal("created disbursement 1", result.GetProperty("description").GetString());
        Assert.Equal(1UL, result.GetProperty("data").GetProperty("id").GetUInt64());
        Assert.Equal("draft", result.GetProperty("data").GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(create.Hash.ToString(), result.GetProperty("data").GetProperty("created_tx").GetString());

        var moved = await Committed(node, transfer);
        Assert.Empty(moved.GetProperty("events").EnumerateArray());
    }

    private static async Task<JsonElement> Committed(NodeRpcTestHost node, Transaction transaction)
    {
        JsonElement status = default;
        await Wait.UntilAsync(
            async () =>
            {
                status = (await node.CallAsync("tx.status", $$"""{"hash":"{{transaction.Hash}}"}""")).GetProperty("result");
                return status.GetProperty("status").GetString() == "committed";
            },
            TimeSpan.FromSeconds(20),
            $"transaction {transaction.Hash} to be committed");
        return status;
    }
}
