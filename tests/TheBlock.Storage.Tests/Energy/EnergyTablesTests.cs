using TheBlock.Protocol.Energy;

namespace TheBlock.Storage.Tests.Energy;

/// <summary>
/// The energy tables say what the state says: each credit and dispute row is the record the events carried, listings
/// are newest first with a cursor, the open totals count what is pending, and a row that disagrees with the proven
/// state is refused at start-up with the record named.
/// </summary>
public class EnergyTablesTests
{
    /// <summary>
    /// Credits 1 to 3 of provider_usa_001 (10, 20, 30 kWh) settle; credit 4 (40 kWh) is disputed and the dispute upheld;
    /// credit 5 (50 kWh) is disputed and still open; credits 6 and 7 of provider_eu_002 (5, 6 kWh) are pending.
    /// </summary>
    private static EnergyStoredChain BuildHistory()
    {
        var market = new EnergyStoredChain();
        market.Register("provider_usa_001");
        market.Register("provider_eu_002");
        market.Deposit(1_000_000);
        market.Readings("provider_usa_001", 100, 110, 130, 160);
        market.Advance(3);
        market.Readings("provider_usa_001", 200, 250);
        market.OpenDispute(4);
        market.OpenDispute(5);
        market.Resolve(1, DisputeOutcome.Upheld);
        market.Readings("provider_eu_002", 1, 6, 12);
        return market;
    }

    [Fact]
    public void Every_credit_and_dispute_row_is_the_record_the_chain_announced()
    {
        using var market = BuildHistory();
        var state = market.Chain.State;
        var announced = market.CreditsFromEvents();

        for (var id = 1UL; id <= 7; id++)
        {
            Assert.Equal(announced[id], market.Reader.GetEnergyCredit(id));
            Assert.Equal(state.GetOpenCredit(id), announced[id].Status.IsFinal() ? null : announced[id]);
        }

        Assert.Equal(
            [CreditStatus.Settled, CreditStatus.Settled, CreditStatus.Settled, CreditStatus.Voided, CreditStatus.Disputed, CreditStatus.Pending, CreditStatus.Pending],
            Enumerable.Range(1, 7).Select(id => market.Reader.GetEnergyCredit((ulong)id)!.Status));
        Assert.Equal(state.GetDispute(1), market.Reader.GetEnergyDispute(1));
        Assert.Equal(state.GetDispute(2), market.Reader.GetEnergyDispute(2));
        Assert.Equal(DisputeOutcome.Upheld, market.Reader.GetEnergyDispute(1)!.Outcome);
        Assert.Null(market.Reader.GetEnergyDispute(3));
        Assert.Null(market.Reader.GetEnergyCredit(8));
    }

    [Fact]
    public void Credits_are_listed_newest_first_by_status_and_provider()
    {
        using var market = BuildHistory();

        Assert.Equal([7UL, 6UL], market.Reader.ListCredits(CreditStatus.Pending, null, null, 100).Items.Select(c => c.CreditId));
        Assert.Equal([3UL, 2UL, 1UL], market.Reader.ListCredits(CreditStatus.Settled, "provider_usa_001", null, 100).Items.Select(c => c.CreditId));
        Assert.Empty(market.Reader.ListCredits(CreditStatus.Settled, "provider_eu_002", null, 100).Items);
        Assert.Equal([5UL, 4UL, 3UL, 2UL, 1UL], market.Reader.ListCredits(null, "provider_usa_001", null, 100).Items.Select(c => c.CreditId));
        Assert.Equal([10UL, 20UL, 30UL], market.Reader.ListCredits(CreditStatus.Settled, null, null, 100).Items.Select(c => c.AmountKwh).Reverse());
    }

    [Fact]
    public void Paging_by_before_id_visits_every_credit_once()
    {
        using var market = BuildHistory();
        var seen = new List<ulong>();
        ulong? cursor = null;
        var pages = 0;
        do
        {
            var page = market.Reader.ListCredits(null, null, cursor, 3);
            seen.AddRange(page.Items.Select(c => c.CreditId));
            cursor = page.NextBeforeId;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal([7UL, 6UL, 5UL, 4UL, 3UL, 2UL, 1UL], seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void Disputes_are_listed_newest_first_by_status()
    {
        using var market = BuildHistory();

        Assert.Equal([2UL, 1UL], market.Reader.ListDisputes(null, 100).Select(d => d.DisputeId));
        Assert.Equal([2UL], market.Reader.ListDisputes(true, 100).Select(d => d.DisputeId));
        Assert.Equal([1UL], market.Reader.ListDisputes(false, 100).Select(d => d.DisputeId));
        Assert.Equal([2UL], market.Reader.ListDisputes(null, 1).Select(d => d.DisputeId));
    }

    [Fact]
    public void The_open_totals_count_pending_credits_their_kwh_and_open_disputes()
    {
        using var market = BuildHistory();

        Assert.Equal(new EnergyOpenTotals(2, 11, 1), market.Reader.ReadEnergyOpenTotals());
    }

    [Fact]
    public void The_tables_survive_a_restart_and_pass_the_start_up_check()
    {
        using var market = BuildHistory();
        var root = market.Chain.State.StateRoot;

        Assert.Equal(root, market.Chain.Reopen().StateRoot);
        Assert.Equal(new EnergyOpenTotals(2, 11, 1), market.Reader.ReadEnergyOpenTotals());
    }

    [Theory]
    [InlineData("UPDATE energy_credits SET amount_kwh = 7 WHERE credit_id = 6", "the stored row of credit 6 is not the credit the state commits to (amount_kwh 7, state says 5)")]
    [InlineData("UPDATE energy_credits SET status = 'settled' WHERE credit_id = 5", "open credit 5 (disputed) has no pending or disputed row")]
    [InlineData("UPDATE energy_credits SET status = 'pending' WHERE credit_id = 2", "credit 2 is stored as pending but the state holds no open credit 2")]
    [InlineData("DELETE FROM energy_credits WHERE credit_id = 1", "6 credits are stored but 7 were created")]
    [InlineData("UPDATE energy_disputes SET outcome = 'rejected' WHERE dispute_id = 1", "the stored row of dispute 1 is not the dispute the state commits to")]
    [InlineData("DELETE FROM energy_disputes WHERE dispute_id = 2", "dispute 2 has no stored row")]
    public void A_tampered_row_is_named_at_start_up(string sql, string detail)
    {
        using var market = BuildHistory();
        market.Chain.Close();

        Assert.Equal(1, market.Chain.Tamper(sql));

        using var database = ChainDatabase.Open(market.Chain.DatabasePath);
        var error = Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, market.Chain.Genesis));
        Assert.StartsWith($"energy tables disagree with the state: {detail}", error.Message, StringComparison.Ordinal);
    }
}
