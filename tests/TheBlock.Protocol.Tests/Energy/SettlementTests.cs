using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Ledger;
using TheBlock.Testing;
using TheBlock.Testing.Energy;

namespace TheBlock.Protocol.Tests.Energy;

/// <summary>Settlement at the end of each block (spec/energy.md, "Credits and settlement").</summary>
public class SettlementTests
{
    [Fact]
    public void A_credit_settles_after_the_dispute_window_and_owner_plus_fee_equal_the_payment_exactly()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register(pricePerKwh: 7);
        scenario.Deposit(10_000);
        scenario.Submit(scenario.Reading("meter_001", 1_000));
        scenario.Submit(scenario.Reading("meter_001", 1_333));
        var created = scenario.State.Height;
        var owner = scenario.BalanceOf(scenario.Owner);
        var treasury = scenario.State.Treasury;
        var held = Held(scenario.State);

        scenario.Advance((int)EnergyScenario.DisputeWindow - 1);
        Assert.Equal(CreditStatus.Pending, scenario.Credit(1).Status);
        scenario.Advance(1);

        var credit = scenario.Credit(1);
        var payment = 333UL * 7;
        var fee = payment * EnergyScenario.FeeBps / 10_000;
        Assert.Equal(CreditStatus.Settled, credit.Status);
        Assert.Equal(created + EnergyScenario.DisputeWindow, credit.SettledHeight);
        Assert.Equal(payment, credit.Payment);
        Assert.Equal(fee, credit.Fee);
        Assert.Equal(1UL, credit.ReceiptId);
        Assert.Equal(owner + payment - fee, scenario.BalanceOf(scenario.Owner));
        Assert.Equal(treasury.It + fee, scenario.State.Treasury.It);
        Assert.Equal(10_000 - payment, scenario.State.EscrowOf(scenario.Offtaker.Address));
        Assert.Equal(held, Held(scenario.State));
        Assert.Equal(credit.SettledAt, scenario.Provider().LastSettlement);
        Assert.Equal(0UL, scenario.Provider().OpenCredits);
    }

    /// <summary>Every balance, the treasury and the market's two escrows: settlement only moves CT between them.</summary>
    private static UInt128 Held(ChainState state) =>
        TestChain.TotalHeld(state) + state.SystemBalance(EnergyState.EscrowAccount) + state.SystemBalance(EnergyState.StakeAccount);

    [Fact]
    public void An_unfunded_credit_waits_and_expires_while_another_providers_credit_settles()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register("provider_a", pricePerKwh: 1_000);
        scenario.Register("provider_b", pricePerKwh: 1);
        scenario.Deposit(100);
        scenario.Submit(scenario.Reading("meter_001", 10, providerId: "provider_a"), scenario.Reading("meter_001", 10, providerId: "provider_b"));
        scenario.Submit(scenario.Reading("meter_001", 20, providerId: "provider_a"), scenario.Reading("meter_001", 20, providerId: "provider_b"));

        scenario.Advance((int)EnergyScenario.DisputeWindow);

        Assert.Equal(CreditStatus.Pending, scenario.Credit(1).Status);
        Assert.Equal(CreditStatus.Settled, scenario.Credit(2).Status);
        scenario.Advance((int)EnergyScenario.ExpiryBlocks - 1);
        Assert.Equal(CreditStatus.Pending, scenario.Credit(1).Status);
        scenario.Advance(1);
        Assert.Equal(CreditStatus.Expired, scenario.Credit(1).Status);
        Assert.Equal(0UL, scenario.Provider("provider_a").OpenCredits);
        Assert.True(scenario.Provider("provider_a").Reputation.DeliveryPpm < Reputation.Initial.DeliveryPpm);
    }

    [Fact]
    public void A_credit_funded_late_settles_once_the_escrow_covers_it()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register(pricePerKwh: 10);
        scenario.Submit(scenario.Reading("meter_001", 0));
        scenario.Submit(scenario.Reading("meter_001", 5));
        scenario.Advance((int)EnergyScenario.DisputeWindow + 1);
        Assert.Equal(CreditStatus.Pending, scenario.Credit(1).Status);

        scenario.Deposit(50);

        Assert.Equal(CreditStatus.Settled, scenario.Credit(1).Status);
        Assert.Equal(0UL, scenario.State.EscrowOf(scenario.Offtaker.Address));
    }

    [Fact]
    public void Many_credits_settle_in_id_order_and_the_module_invariants_hold()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register(pricePerKwh: 2);
        scenario.Deposit(1_000_000);
        scenario.Submit(scenario.Reading("meter_001", 0), scenario.Reading("meter_002", 0));
        for (var i = 1UL; i <= 20; i++)
        {
            scenario.Submit(scenario.Reading("meter_001", i * 10), scenario.Reading("meter_002", i * 3));
        }

        scenario.Advance((int)EnergyScenario.DisputeWindow);

        var credits = Enumerable.Range(1, 40).Select(id => scenario.Credit((ulong)id)).ToList();
        Assert.All(credits, c => Assert.Equal(CreditStatus.Settled, c.Status));
        Assert.Equal(credits.Select(c => c.CreditId), credits.OrderBy(c => c.ReceiptId).Select(c => c.CreditId));
        Assert.Equal(20UL * 10 + 20 * 3, scenario.Provider().SettledKwh);
        new EnergyModule().VerifyState(scenario.State);
    }

    [Fact]
    public void Tampered_escrow_bookkeeping_is_caught_by_the_state_check()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        scenario.Deposit(500);
        var overlay = new StateOverlay(scenario.State, scenario.State.Height + 1);
        overlay.Put(EnergyState.EscrowKey(scenario.Offtaker.Address), StateValue.FromBytes(BitConverter.GetBytes(400UL)));

        var error = Assert.Throws<InvariantViolationException>(() => new EnergyModule().VerifyBlock(overlay));

        Assert.Contains(EnergyModule.EscrowAccount, error.Message, StringComparison.Ordinal);
    }
}
