using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Rollback authority over a real node (docs/TREASURY.md "Rollback authority"): the CLI key is dev-1, a council member
/// with 100 of the devnet council's 250 voting power, below the 125 a council rollback needs, so its rollback is only
/// recorded; the operator's admin path (the runbook's Path A command, signed by the node's validator key) rolls back.
/// </summary>
public sealed class TreasuryRollbackAuthorityTests
{
    private const string DevnetChainId = "devnet";

    [Fact]
    public async Task A_lone_council_members_rollback_is_recorded_as_pending_and_the_operators_rollback_takes_effect()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync();
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("grantee")).Address;
        var proposal = TreasuryDriver.Proposal("Grant under review", destination, 1_000);
        proposal["scheduled_epoch"] = TreasuryDriver.FarEpoch;
        var id = await driver.CreateApprovedAsync(proposal);
        using var member = SigningKey.FromSeed(KeyFile.Read(Path.Combine(devnet.Home, ".config", "the-block", "keys", "default.key")));

        var request = await SubmitRollbackAsync(driver, member, id, "dev-1 objects");
        Assert.Equal(TransactionStatuses.Committed, (await WaitForSettledAsync(driver, request)).GetProperty("status").GetString());

        var pending = await driver.ShowAsync(id);
        Assert.NotEqual("rolled_back", TreasuryDriver.State(pending));
        var votes = pending.GetProperty("proposal").GetProperty("rollback_votes");
        Assert.Equal((100UL, 125UL), (votes.GetProperty("power").GetUInt64(), votes.GetProperty("needed").GetUInt64()));
        var cast = Assert.Single(votes.GetProperty("cast").EnumerateArray());
        Assert.Equal(member.Address.ToString(), cast.GetProperty("voter").GetString());
        Assert.Equal("dev-1 objects", cast.GetProperty("reason").GetString());

        // Asking again adds nothing: refused at admission with its reason.
        var again = Transaction.CreateSigned(DevnetChainId, member, await NextNonceAsync(driver, member), 0, new DisbursementRollbackPayload(id, "louder"));
        var refused = await driver.Rpc.CallAsync("tx.submit", $$"""{"tx":"{{Convert.ToHexStringLower(again.Encoded.Span)}}"}""", driver.AdminToken);
        Assert.Equal((-32011, "rollback_already_requested"), RawRpc.Error(refused));

        var rolledBack = await devnet.CliJson("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(id), "--reason", "Operator: grant withdrawn");
        Assert.Equal("rolled_back", TreasuryDriver.State(rolledBack));
        Assert.Equal("Operator: grant withdrawn", rolledBack.GetProperty("status").GetProperty("reason").GetString());
        Assert.Equal(100UL, rolledBack.GetProperty("proposal").GetProperty("rollback_votes").GetProperty("power").GetUInt64());
        Assert.Equal(0UL, (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64());
    }

    private static async Task<Transaction> SubmitRollbackAsync(TreasuryDriver driver, SigningKey member, ulong id, string reason)
    {
        var transaction = Transaction.CreateSigned(DevnetChainId, member, await NextNonceAsync(driver, member), 0, new DisbursementRollbackPayload(id, reason));
        await driver.CallAsync("tx.submit", $$"""{"tx":"{{Convert.ToHexStringLower(transaction.Encoded.Span)}}"}""", driver.AdminToken);
        return transaction;
    }

    private static async Task<ulong> NextNonceAsync(TreasuryDriver driver, SigningKey key) =>
        (await driver.CallAsync("node.ledger.inspect", $$"""{"account":"{{key.Address}}"}""")).GetProperty("next_nonce").GetUInt64();

    /// <summary>The <c>tx.status</c> result once the transaction is committed or rejected.</summary>
    private static async Task<JsonElement> WaitForSettledAsync(TreasuryDriver driver, Transaction transaction)
    {
        var deadline = DateTimeOffset.UtcNow + TreasuryDriver.Timeout;
        while (true)
        {
            var status = await driver.CallAsync("tx.status", $$"""{"hash":"{{transaction.Hash}}"}""");
            if (status.GetProperty("status").GetString() is TransactionStatuses.Committed or TransactionStatuses.Rejected || DateTimeOffset.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(100);
        }
    }
}
