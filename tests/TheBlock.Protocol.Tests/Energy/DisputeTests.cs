using TheBlock.Protocol.Energy;
using TheBlock.Testing.Energy;

namespace TheBlock.Protocol.Tests.Energy;

/// <summary>Disputes, slashing and suspension (spec/energy.md, "Disputes, reputation, slashing"; runbook path D).</summary>
public class DisputeTests
{
    private const ulong LongWindow = 20;

    /// <summary>A provider with <paramref name="count"/> pending credits and a dispute window long enough to dispute them all.</summary>
    private static EnergyScenario WithCredits(int count, out IReadOnlyList<ulong> creditIds)
    {
        var scenario = EnergyScenario.Create(new Dictionary<string, ulong> { ["dispute_window_blocks"] = LongWindow });
        scenario.Register(stake: 10_000);
        scenario.Deposit(100_000);
        scenario.Submit(scenario.Reading("meter_001", 0));
        var ids = new List<ulong>();
        for (var i = 1; i <= count; i++)
        {
            var events = scenario.Submit(scenario.Reading("meter_001", (ulong)i * 10));
            ids.Add(events.OfType<EnergyReadingAccepted>().Single().CreditId!.Value);
        }

        creditIds = ids;
        return scenario;
    }

    private static DisputeOpenPayload Open(ulong creditId) => new(creditId, "meter reads high");

    [Fact]
    public void A_disputed_credit_does_not_settle_while_the_dispute_is_open()
    {
        var scenario = WithCredits(1, out var ids);

        Assert.Null(scenario.Apply(scenario.Sign(scenario.Offtaker, Open(ids[0]))));
        scenario.Advance(5);

        var credit = scenario.Credit(ids[0]);
        Assert.Equal(CreditStatus.Disputed, credit.Status);
        Assert.Equal(1UL, credit.DisputeId);
        Assert.True(scenario.State.GetDispute(1)!.IsOpen);
    }

    [Fact]
    public void Only_the_offtaker_or_a_validator_opens_and_only_a_validator_resolves()
    {
        var scenario = WithCredits(1, out var ids);

        Assert.Equal(EnergyReasons.NotOfftaker, scenario.Apply(scenario.Sign(scenario.Outsider, Open(ids[0])))?.Reason);
        Assert.Null(scenario.Apply(scenario.Sign(scenario.Validator, Open(ids[0]))));
        Assert.Equal(EnergyReasons.NotValidator, scenario.Apply(scenario.Sign(scenario.Offtaker, new DisputeResolvePayload(1, DisputeOutcome.Upheld)))?.Reason);
        Assert.Equal(EnergyReasons.DisputeNotFound, scenario.Apply(scenario.Sign(scenario.Validator, new DisputeResolvePayload(9, DisputeOutcome.Upheld)))?.Reason);
        Assert.Equal(EnergyReasons.CreditNotFound, scenario.Apply(scenario.Sign(scenario.Offtaker, Open(99)))?.Reason);
        Assert.Equal(EnergyReasons.CreditNotPending, scenario.Apply(scenario.Sign(scenario.Offtaker, Open(ids[0])))?.Reason);
    }

    [Fact]
    public void An_upheld_dispute_voids_the_credit_and_slashes_stake_to_the_treasury()
    {
        var scenario = WithCredits(1, out var ids);
        scenario.Include(scenario.SignNext(scenario.Offtaker, Open(ids[0])));
        var treasury = scenario.State.Treasury;

        Assert.Null(scenario.Apply(scenario.Sign(scenario.Validator, new DisputeResolvePayload(1, DisputeOutcome.Upheld))));

        Assert.Equal(CreditStatus.Voided, scenario.Credit(ids[0]).Status);
        var slash = 10_000UL * EnergyScenario.SlashBps / 10_000;
        Assert.Equal(10_000 - slash, scenario.Provider().Stake);
        Assert.Equal(treasury.It + slash, scenario.State.Treasury.It);
        var dispute = scenario.State.GetDispute(1)!;
        Assert.Equal(DisputeOutcome.Upheld, dispute.Outcome);
        Assert.Equal(slash, dispute.Slashed);
        Assert.Equal(EnergyReasons.DisputeNotOpen, scenario.Apply(scenario.Sign(scenario.Validator, new DisputeResolvePayload(1, DisputeOutcome.Rejected)))?.Reason);
    }

    [Fact]
    public void A_rejected_dispute_returns_the_credit_to_pending_and_it_settles()
    {
        var scenario = WithCredits(1, out var ids);
        scenario.Include(scenario.SignNext(scenario.Offtaker, Open(ids[0])));

        scenario.Include(scenario.SignNext(scenario.Validator, new DisputeResolvePayload(1, DisputeOutcome.Rejected)));
        Assert.Equal(CreditStatus.Pending, scenario.Credit(ids[0]).Status);
        scenario.Advance((int)LongWindow);

        Assert.Equal(CreditStatus.Settled, scenario.Credit(ids[0]).Status);
        Assert.Equal(10_000UL, scenario.Provider().Stake);
    }

    [Fact]
    public void Repeated_upheld_disputes_drop_the_composite_below_half_and_suspend_the_provider()
    {
        var scenario = WithCredits(3, out var ids);
        var scores = new List<uint>();
        for (var i = 0; i < ids.Count; i++)
        {
            scenario.Include(scenario.SignNext(scenario.Offtaker, Open(ids[i])));
            scenario.Include(scenario.SignNext(scenario.Validator, new DisputeResolvePayload((ulong)i + 1, DisputeOutcome.Upheld)));
            scores.Add(scenario.Provider().Reputation.CompositePpm);
        }

        Assert.True(scores[0] >= 500_000, $"one upheld dispute leaves {scores[0]} ppm");
        Assert.True(scores[^1] < 500_000, $"three upheld disputes leave {scores[^1]} ppm");
        Assert.Equal(ProviderStatus.Suspended, scenario.Provider().Status);
        Assert.Equal(3UL, scenario.Provider().UpheldDisputes);
        var events = scenario.Submit(scenario.Reading("meter_001", 1_000));
        Assert.Equal(EnergyReasons.ProviderInactive, Assert.IsType<EnergyReadingRejected>(Assert.Single(events)).Reason);
    }

    [Fact]
    public void Slashing_below_the_minimum_stake_marks_the_provider_slashed()
    {
        var scenario = EnergyScenario.Create(new Dictionary<string, ulong> { ["slash_bps"] = 9_500 });
        scenario.Register(stake: 10_000);
        scenario.Submit(scenario.Reading("meter_001", 0));
        scenario.Submit(scenario.Reading("meter_001", 10));
        scenario.Include(scenario.SignNext(scenario.Offtaker, Open(1)));

        scenario.Include(scenario.SignNext(scenario.Validator, new DisputeResolvePayload(1, DisputeOutcome.Upheld)));

        Assert.Equal(ProviderStatus.Slashed, scenario.Provider().Status);
        Assert.Equal(500UL, scenario.Provider().Stake);
    }
}
