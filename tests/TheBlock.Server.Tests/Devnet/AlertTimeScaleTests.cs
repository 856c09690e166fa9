using TheBlock.Server.Devnet;

namespace TheBlock.Server.Tests.Devnet;

public sealed class AlertTimeScaleTests
{
    [Theory]
    [InlineData(120UL, 1000UL, 1)]
    [InlineData(240UL, 1000UL, 1)]
    [InlineData(48UL, 250UL, 10)]
    [InlineData(12UL, 1000UL, 10)]
    [InlineData(60UL, 1000UL, 2)]
    [InlineData(10UL, 250UL, 10)]
    [InlineData(1UL, 1UL, 10)]
    public void A_devnet_with_shorter_epochs_runs_its_alerts_that_much_faster_up_to_ten_times(ulong epochLength, ulong blockIntervalMs, int expected) =>
        Assert.Equal(expected, AlertTimeScale.For(epochLength, blockIntervalMs));
}
