using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Ledger;
using TheBlock.Testing.Energy;

namespace TheBlock.Protocol.Tests.Energy;

/// <summary>Registering, updating, re-keying and retiring a provider (spec/energy.md, "Actors").</summary>
public class ProviderRulesTests
{
    [Fact]
    public void Registering_locks_the_stake_from_the_owner_and_starts_active_with_a_high_reputation()
    {
        var scenario = EnergyScenario.Create();
        var before = scenario.BalanceOf(scenario.Owner);

        scenario.Register(stake: 10_000);

        var provider = scenario.Provider();
        Assert.Equal(ProviderStatus.Active, provider.Status);
        Assert.Equal(scenario.Owner.Address, provider.Owner);
        Assert.Equal(10_000UL, provider.Stake);
        Assert.True(provider.Reputation.CompositePpm >= 800_000);
        Assert.Equal(before - 10_000, scenario.BalanceOf(scenario.Owner));
        Assert.Equal(10_000UL, scenario.State.SystemBalance(EnergyState.StakeAccount));
    }

    [Fact]
    public void A_provider_id_is_registered_once()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();

        var rejection = scenario.Apply(scenario.RegisterTx());

        Assert.Equal(EnergyReasons.ProviderExists, rejection?.Reason);
    }

    [Fact]
    public void A_stake_below_the_minimum_is_refused_and_nothing_is_locked()
    {
        var scenario = EnergyScenario.Create();

        var rejection = scenario.Apply(scenario.RegisterTx(stake: EnergyScenario.MinStake - 1));

        Assert.Equal(EnergyReasons.StakeBelowMinimum, rejection?.Reason);
        Assert.Null(scenario.State.GetProvider("provider_usa_001"));
        Assert.Equal(0UL, scenario.State.SystemBalance(EnergyState.StakeAccount));
    }

    [Theory]
    [InlineData("", 3UL, "provider_id")]
    [InlineData("p", 0UL, "price_per_kwh")]
    public void Malformed_registrations_are_refused_before_any_state_is_read(string providerId, ulong price, string field)
    {
        var scenario = EnergyScenario.Create();
        var payload = new ProviderRegisterPayload(providerId, EnergyScenario.MeterKey.PublicKey, EnergyScenario.Terms(scenario.Offtaker.Address, price), 10_000);

        var rejection = payload.CheckStateless();

        Assert.Equal(EnergyReasons.InvalidProvider, rejection?.Reason);
        Assert.Contains(field, rejection!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_owner_updates_a_provider_and_the_new_terms_apply()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        var terms = EnergyScenario.Terms(scenario.Offtaker.Address, pricePerKwh: 7, meters: ["meter_009"]);

        var refused = scenario.Apply(scenario.Sign(scenario.Outsider, new ProviderUpdatePayload("provider_usa_001", terms)));
        var accepted = scenario.Apply(scenario.Sign(scenario.Owner, new ProviderUpdatePayload("provider_usa_001", terms)));

        Assert.Equal(EnergyReasons.NotProviderOwner, refused?.Reason);
        Assert.Null(accepted);
        Assert.Equal(7UL, scenario.Provider().PricePerKwh);
        Assert.Equal(["meter_009"], scenario.Provider().Meters);
    }

    [Fact]
    public void After_a_key_rotation_the_old_key_stops_verifying_and_the_new_one_verifies()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        scenario.Include(scenario.SignNext(scenario.Owner, new ProviderRotateKeyPayload("provider_usa_001", EnergyScenario.OtherMeterKey.PublicKey)));

        var events = scenario.Submit(
            scenario.Reading("meter_001", 100, key: EnergyScenario.MeterKey),
            scenario.Reading("meter_001", 110, key: EnergyScenario.OtherMeterKey));

        Assert.Equal(EnergyReasons.VerificationFailed, Assert.IsType<EnergyReadingRejected>(events[0]).Reason);
        Assert.IsType<EnergyReadingAccepted>(events[1]);
        Assert.Equal(scenario.State.Height - 1, scenario.Provider().KeySinceHeight);
    }

    [Fact]
    public void Exiting_with_open_credits_waits_for_them_then_returns_the_stake()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register(stake: 5_000);
        scenario.Deposit(1_000);
        scenario.Submit(scenario.Reading("meter_001", 100));
        scenario.Submit(scenario.Reading("meter_001", 150));
        var before = scenario.BalanceOf(scenario.Owner);

        scenario.Include(scenario.SignNext(scenario.Owner, new ProviderExitPayload("provider_usa_001")));
        var exiting = scenario.Provider();
        scenario.Advance((int)EnergyScenario.DisputeWindow);

        Assert.Equal(ProviderStatus.Inactive, exiting.Status);
        Assert.Equal(1UL, exiting.OpenCredits);
        var done = scenario.Provider();
        Assert.Equal(ProviderStatus.Unregistered, done.Status);
        Assert.Equal(0UL, done.Stake);
        Assert.Equal(0UL, scenario.State.SystemBalance(EnergyState.StakeAccount));
        var payment = 50UL * 3;
        var fee = payment * EnergyScenario.FeeBps / 10_000;
        Assert.Equal(before + 5_000 + payment - fee, scenario.BalanceOf(scenario.Owner));
    }

    [Fact]
    public void Readings_of_an_exiting_provider_are_refused_as_inactive()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        scenario.Submit(scenario.Reading("meter_001", 100));
        scenario.Include(scenario.SignNext(scenario.Owner, new ProviderExitPayload("provider_usa_001")));

        var events = scenario.Submit(scenario.Reading("meter_001", 120));

        Assert.Equal(ProviderStatus.Unregistered, scenario.Provider().Status);
        Assert.Equal(EnergyReasons.ProviderInactive, Assert.IsType<EnergyReadingRejected>(Assert.Single(events)).Reason);
    }
}
