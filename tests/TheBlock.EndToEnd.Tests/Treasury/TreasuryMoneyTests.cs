using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Where the money is at each step: executed moves it from the treasury into escrow, finalization releases exactly
/// the amount to the destination, and a rollback inside the rollback window returns it to the treasury.
/// </summary>
public sealed class TreasuryMoneyTests
{
    [Fact]
    public async Task The_destination_is_credited_exactly_at_finalization_and_a_rollback_in_the_window_refunds_the_treasury()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync();
        using var driver = new TreasuryDriver(devnet);
        var (paidTo, _) = await driver.NewKeyAsync("paid-grantee");
        var (refundedTo, _) = await driver.NewKeyAsync("refunded-grantee");
        const ulong PaidAmount = 12_345;
        const ulong RefundedAmount = 6_789;

        var paidProposal = TreasuryDriver.Proposal("Grant paid out", paidTo, PaidAmount);
        paidProposal["amount_it"] = 0;
        paidProposal["rollback_window_epochs"] = 15;
        var paid = await driver.CreateApprovedAsync(paidProposal);
        var refundedProposal = TreasuryDriver.Proposal("Grant paid in error", refundedTo, RefundedAmount);
        refundedProposal["rollback_window_epochs"] = 100_000;
        var refunded = await driver.CreateApprovedAsync(refundedProposal);

        // Executed: out of the treasury into escrow; the destination has nothing yet.
        var executed = await driver.WaitForStateAsync(paid, "executed");
        var destinationWhileExecuted = (await driver.InspectAsync(paidTo)).GetProperty("balance").GetUInt64();
        var escrowWhileExecuted = (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64();
        Assert.True(TreasuryDriver.State(await driver.ShowAsync(paid)) == "executed", "test set-up: the rollback window closed before the balances were read");
        Assert.Equal(0UL, destinationWhileExecuted);
        Assert.True(escrowWhileExecuted >= PaidAmount, $"escrow_ct {escrowWhileExecuted} does not hold the executed {PaidAmount}");
        Assert.Equal(JsonValueKind.Number, executed.GetProperty("proposal").GetProperty("finalizes_at_height").ValueKind);
        Assert.Equal(JsonValueKind.Array, executed.GetProperty("proposal").GetProperty("rollback_votes").GetProperty("cast").ValueKind);
        await AssertEscrowHoldsExactlyTheExecutedAsync(driver);

        // Finalized: exactly amount_ct + amount_it reaches the destination, once, from the escrow.
        var finalized = await driver.WaitForStateAsync(paid, "finalized");
        Assert.Equal(
            finalized.GetProperty("amount_ct").GetUInt64() + finalized.GetProperty("amount_it").GetUInt64(),
            (await driver.InspectAsync(paidTo)).GetProperty("balance").GetUInt64());
        var reference = $"disbursement:{paid}";
        var received = await EntriesAsync(driver, paidTo, e => e.Reference == reference);
        Assert.Equal([new Entry("disbursement_received", (long)PaidAmount, reference)], received);
        Assert.Contains(new Entry("disbursement_payout", -(long)PaidAmount, reference), await EntriesAsync(driver, "treasury", e => e.Reference == reference));
        Assert.Equal(
            [new Entry("disbursement_escrow", (long)PaidAmount, reference), new Entry("disbursement_release", -(long)PaidAmount, reference)],
            (await EntriesAsync(driver, "treasury_escrow", e => e.Reference == reference, count: 2)).AsEnumerable().Reverse());

        // Rolled back inside its window: the escrow goes back to the treasury and the destination never sees it.
        await driver.WaitForStateAsync(refunded, "executed");
        Assert.Equal(RefundedAmount, (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64());
        var rolledBack = await devnet.CliJson("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(refunded), "--reason", "Paid in error");
        Assert.Equal("rolled_back", TreasuryDriver.State(rolledBack));
        Assert.Equal("Paid in error", rolledBack.GetProperty("status").GetProperty("reason").GetString());
        var balance = await driver.BalanceAsync();
        Assert.Equal(0UL, balance.GetProperty("escrow_ct").GetUInt64());
        Assert.Equal(0UL, balance.GetProperty("escrow_it").GetUInt64());
        var refundReference = $"disbursement:{refunded}";
        Assert.Contains(new Entry("disbursement_refund", (long)RefundedAmount, refundReference), await EntriesAsync(driver, "treasury", e => e.Kind == "disbursement_refund"));
        Assert.Contains(new Entry("disbursement_refund", -(long)RefundedAmount, refundReference), await EntriesAsync(driver, "treasury_escrow", e => e.Kind == "disbursement_refund"));
        await driver.WaitForBlocksAsync(5);
        var neverPaid = await driver.InspectAsync(refundedTo);
        Assert.Equal(0UL, neverPaid.GetProperty("balance").GetUInt64());
        Assert.Empty(neverPaid.GetProperty("recent_entries").EnumerateArray());
        Assert.Equal("rolled_back", TreasuryDriver.State(await driver.ShowAsync(refunded)));

        // The settlement audit over the whole chain accounts for both: one paid out, one refunded.
        var audit = await devnet.CliJson("audit", "settlement");
        Assert.True(audit.GetProperty("conserved").GetBoolean(), audit.ToString());
        Assert.Equal(PaidAmount + RefundedAmount, audit.GetProperty("ct").GetProperty("executed").GetUInt64());
        Assert.Equal(RefundedAmount, audit.GetProperty("ct").GetProperty("rolled_back_from_escrow").GetUInt64());
        var text = await devnet.Cli("audit", "settlement", "--output", "table");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.StartsWith("Ledger conservation verified:", text.Stdout, StringComparison.Ordinal);
    }

    /// <summary>escrow_ct is the sum of the executed disbursements (read again until no block landed in between).</summary>
    private static async Task AssertEscrowHoldsExactlyTheExecutedAsync(TreasuryDriver driver)
    {
        var (escrow, executed) = ((ulong, ulong))await Wait.UntilAsync<object>(
            async () =>
            {
                var before = (await driver.ListAsync("executed")).GetProperty("total_amount_ct").GetUInt64();
                var escrow = (await driver.BalanceAsync()).GetProperty("escrow_ct").GetUInt64();
                var after = (await driver.ListAsync("executed")).GetProperty("total_amount_ct").GetUInt64();
                return before == after ? (object)(escrow, before) : null;
            },
            TreasuryDriver.Timeout,
            "a stable read of escrow and executed amounts",
            driver.Devnet.Diagnostics);
        Assert.True(escrow == executed, $"escrow_ct {escrow} differs from the executed disbursements' total {executed}");
    }

    /// <summary>The account's ledger entries that match, newest first, once the indexer has caught up to at least <paramref name="count"/> of them.</summary>
    private static async Task<List<Entry>> EntriesAsync(TreasuryDriver driver, string account, Func<Entry, bool> match, int count = 1) =>
        (List<Entry>)await Wait.UntilAsync<object>(
            async () =>
            {
                var entries = (await driver.InspectAsync(account)).GetProperty("recent_entries").EnumerateArray()
                    .Select(e => new Entry(e.GetProperty("kind").GetString()!, e.GetProperty("delta").GetInt64(), e.GetProperty("reference").GetString()))
                    .Where(match)
                    .ToList();
                return entries.Count >= count ? entries : null;
            },
            TreasuryDriver.Timeout,
            $"ledger entries of {account}",
            driver.Devnet.Diagnostics);

    private sealed record Entry(string Kind, long Delta, string? Reference);
}
