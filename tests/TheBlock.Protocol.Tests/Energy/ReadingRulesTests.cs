using TheBlock.Protocol.Energy;
using TheBlock.Testing.Energy;

namespace TheBlock.Protocol.Tests.Energy;

/// <summary>
/// The block's re-verification of readings (spec/energy.md, "Signed reading"): each check's reason, in order; credits
/// from deltas; a refused reading never stops the rest of its batch.
/// </summary>
public class ReadingRulesTests
{
    [Fact]
    public void The_first_reading_sets_the_baseline_and_later_deltas_become_credits()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();

        var first = scenario.Submit(scenario.Reading("meter_001", 1_500_000));
        var second = scenario.Submit(scenario.Reading("meter_001", 1_500_040));
        var zero = scenario.Submit(scenario.Reading("meter_001", 1_500_040));

        Assert.Null(Assert.IsType<EnergyReadingAccepted>(Assert.Single(first)).CreditId);
        var creditId = Assert.IsType<EnergyReadingAccepted>(second.OfType<EnergyReadingAccepted>().Single()).CreditId;
        Assert.Equal(1UL, creditId);
        var credit = scenario.Credit(1);
        Assert.Equal(40UL, credit.AmountKwh);
        Assert.Equal(CreditStatus.Pending, credit.Status);
        Assert.Equal(3UL, credit.PricePerKwh);
        Assert.Null(Assert.IsType<EnergyReadingAccepted>(Assert.Single(zero)).CreditId);
        Assert.Equal(1UL, scenario.Provider().OpenCredits);
    }

    [Fact]
    public void Each_failed_check_is_recorded_with_its_reason_and_the_rest_of_the_batch_applies()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        scenario.Submit(scenario.Reading("meter_001", 100));
        var now = scenario.NowSeconds;
        var head = scenario.State.GetMeterHead("provider_usa_001", "meter_001")!.Value;

        var events = scenario.Submit(
            scenario.Reading("meter_001", 200, providerId: "provider_unknown"),
            scenario.Reading("meter_001", 200, key: EnergyScenario.OtherMeterKey),
            scenario.Reading("meter_404", 200),
            scenario.Reading("meter_001", 200, nonce: head.Nonce),
            scenario.Reading("meter_001", 50, nonce: head.Nonce + 6),
            scenario.Reading("meter_001", 130, nonce: head.Nonce + 7),
            scenario.Reading("meter_001", 200, timestamp: now + 301, nonce: head.Nonce + 8));

        Assert.Equal(
            [EnergyReasons.KeyNotFound, EnergyReasons.VerificationFailed, EnergyReasons.UnknownMeter, EnergyReasons.NonceReplay, EnergyReasons.StaleReading, EnergyReasons.TimestampSkew],
            events.OfType<EnergyReadingRejected>().Select(e => e.Reason));
        Assert.Equal(30UL, scenario.Credit(Assert.IsType<EnergyReadingAccepted>(events.OfType<EnergyReadingAccepted>().Single()).CreditId!.Value).AmountKwh);
    }

    [Fact]
    public void A_reading_exactly_at_the_skew_limit_is_accepted()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();

        var events = scenario.Submit(scenario.Reading("meter_001", 100, timestamp: scenario.NowSeconds - 300));

        Assert.IsType<EnergyReadingAccepted>(Assert.Single(events));
    }

    [Fact]
    public void A_timestamp_not_after_the_last_is_stale_even_with_a_new_nonce()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        var first = scenario.Reading("meter_001", 100);
        scenario.Submit(first);

        var events = scenario.Submit(scenario.Reading("meter_001", 120, timestamp: first.Timestamp));

        Assert.Equal(EnergyReasons.StaleReading, Assert.IsType<EnergyReadingRejected>(Assert.Single(events)).Reason);
    }

    [Fact]
    public void A_duplicate_reading_from_a_second_oracle_replica_is_harmless()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        scenario.Submit(scenario.Reading("meter_001", 100));
        var reading = scenario.Reading("meter_001", 160);

        var reputation = scenario.Provider().Reputation;

        var events = scenario.Submit(reading, reading);

        Assert.Equal(EnergyReasons.NonceReplay, Assert.IsType<EnergyReadingRejected>(events[^1]).Reason);
        Assert.Equal(60UL, scenario.Credit(1).AmountKwh);
        Assert.False(scenario.Credits.ContainsKey(2));
        Assert.Equal(reputation.MeterPpm + ((1_000_000 - reputation.MeterPpm + 49) / 50), scenario.Provider().Reputation.MeterPpm);
    }

    [Fact]
    public void A_forged_reading_does_not_move_the_providers_reputation_but_a_skewed_signed_one_does()
    {
        var scenario = EnergyScenario.Create();
        scenario.Register();
        var initial = scenario.Provider().Reputation;

        scenario.Submit(scenario.Reading("meter_001", 100, key: EnergyScenario.OtherMeterKey));
        var afterForgery = scenario.Provider().Reputation;
        scenario.Submit(scenario.Reading("meter_001", 100, timestamp: scenario.NowSeconds + 1_000));

        Assert.Equal(initial, afterForgery);
        Assert.True(scenario.Provider().Reputation.LatencyPpm < initial.LatencyPpm);
    }

    [Fact]
    public void An_empty_or_oversized_batch_is_refused_as_a_whole()
    {
        Assert.Equal(EnergyReasons.InvalidBatch, new ReadingBatchPayload([]).CheckStateless()?.Reason);
        var scenario = EnergyScenario.Create();
        var reading = scenario.Reading("meter_001", 1);
        Assert.Equal(EnergyReasons.InvalidBatch, new ReadingBatchPayload([.. Enumerable.Repeat(reading, EnergyLimits.MaxBatchReadings + 1)]).CheckStateless()?.Reason);
        Assert.Null(new ReadingBatchPayload([.. Enumerable.Repeat(reading, EnergyLimits.MaxBatchReadings)]).CheckStateless());
    }
}
