using TheBlock.Protocol.Energy;

namespace TheBlock.Storage.Tests.Energy;

/// <summary>
/// Defect: the settlement audit refused any block that moved CT through an energy system account ("energy_stake is not
/// a system account"), and would have counted energy escrows as the treasury's escrow. The treasury's audit reads the
/// treasury and its escrow only, and counts the market's fees and slashes paid into the treasury as it accruals.
/// </summary>
public class EnergySettlementAuditTests
{
    [Fact]
    public void The_settlement_audit_conserves_a_chain_whose_blocks_stake_escrow_settle_and_slash()
    {
        using var market = new EnergyStoredChain();
        market.Register("provider_usa_001", pricePerKwh: 1_000);
        market.Deposit(500_000);
        market.Readings("provider_usa_001", 0, 100, 250);
        market.OpenDispute(2);
        market.Resolve(1, DisputeOutcome.Upheld);
        market.Advance(4);

        var outcome = market.Reader.AuditSettlement(market.Chain.Genesis, 0, null);

        Assert.Null(outcome.Problem);
        var audit = outcome.Audit!;
        Assert.True(audit.Conserved, string.Join("; ", audit.Discrepancies));
        var fee = 100UL * 1_000 * EnergyScenarioFee / 10_000;
        var slash = 10_000UL * 1_000 / 10_000;
        Assert.True(audit.It.Accruals >= fee + slash, $"it accruals {audit.It.Accruals} should include the settlement fee {fee} and the slash {slash}");
        Assert.Equal(0UL, audit.Escrow.Final);
    }

    private const ulong EnergyScenarioFee = 250;
}
