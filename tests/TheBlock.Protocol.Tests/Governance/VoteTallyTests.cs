using TheBlock.Protocol.Governance;

namespace TheBlock.Protocol.Tests.Governance;

/// <summary>The quorum and threshold arithmetic of <see cref="VoteTally.Passes"/> at and around its edges.</summary>
public class VoteTallyTests
{
    private const uint Half = 500_000;

    [Theory]
    [InlineData(50UL, 0UL, 0UL, true)] // cast exactly the quorum
    [InlineData(49UL, 0UL, 0UL, false)] // one short of the quorum
    [InlineData(1UL, 0UL, 49UL, true)] // abstain counts toward quorum
    [InlineData(0UL, 0UL, 100UL, false)] // quorum but no yes at all
    [InlineData(30UL, 30UL, 0UL, true)] // yes exactly half of yes + no
    [InlineData(30UL, 31UL, 0UL, false)] // yes one short of half
    [InlineData(30UL, 30UL, 40UL, true)] // abstain does not count against the threshold
    [InlineData(0UL, 100UL, 0UL, false)]
    public void Passes_needs_quorum_of_cast_power_and_threshold_of_yes_over_yes_plus_no(ulong yes, ulong no, ulong abstain, bool passes) =>
        Assert.Equal(passes, new VoteTally(yes, no, abstain).Passes(100, Half, Half));

    [Fact]
    public void An_exact_two_thirds_threshold_passes_and_one_part_per_million_more_fails()
    {
        var tally = new VoteTally(2, 1, 0);

        Assert.True(tally.Passes(3, 0, 666_666));
        Assert.False(tally.Passes(3, 0, 666_667));
    }

    [Fact]
    public void A_unanimous_threshold_fails_on_a_single_no()
    {
        Assert.True(new VoteTally(99, 0, 1).Passes(100, 1_000_000, 1_000_000));
        Assert.False(new VoteTally(99, 1, 0).Passes(100, 1_000_000, 1_000_000));
        Assert.False(new VoteTally(99, 0, 0).Passes(100, 1_000_000, 1_000_000));
    }

    [Fact]
    public void A_zero_quorum_still_needs_some_yes()
    {
        Assert.True(new VoteTally(1, 0, 0).Passes(1_000_000, 0, Half));
        Assert.False(new VoteTally(0, 0, 0).Passes(1_000_000, 0, Half));
    }

    [Fact]
    public void Passes_does_not_overflow_at_the_largest_powers()
    {
        var max = ulong.MaxValue;

        Assert.True(new VoteTally(max, max, max).Passes(max, 1_000_000, Half));
        Assert.True(new VoteTally(max, max, 0).Passes(max, 1_000_000, Half));
        Assert.False(new VoteTally(max - 1, max, 0).Passes(max, 0, Half));
        Assert.False(new VoteTally(0, 0, max - 1).Passes(max, 1_000_000, Half));
        Assert.Equal((UInt128)max * 3, new VoteTally(max, max, max).Cast);
    }

    [Fact]
    public void Add_accumulates_power_per_choice()
    {
        var tally = default(VoteTally).Add(VoteChoice.Yes, 40).Add(VoteChoice.No, 30).Add(VoteChoice.Abstain, 20).Add(VoteChoice.Yes, 5);

        Assert.Equal(new VoteTally(45, 30, 20), tally);
        Assert.Equal((UInt128)95, tally.Cast);
    }
}
