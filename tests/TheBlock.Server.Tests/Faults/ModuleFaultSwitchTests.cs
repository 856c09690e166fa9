using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TheBlock.Server.Energy;
using TheBlock.Server.Faults;
using TheBlock.Server.Node;

namespace TheBlock.Server.Tests.Faults;

/// <summary>
/// A module brings its own fault switches to <c>debug.fault.set</c> through <see cref="IFaultSwitch"/>: the core lists
/// and sets them after its own, refuses them like its own when injection is off, and the energy module registers its
/// <c>readings_submit_delay</c> only when the node allows fault injection.
/// </summary>
public sealed class ModuleFaultSwitchTests
{
    [Fact]
    public void A_module_switch_is_listed_after_the_core_switches_and_set_by_name()
    {
        var module = new TestSwitch("module_slow");
        var faults = new FaultInjection(allowed: true, [module]);

        Assert.Equal([FaultInjection.Storage, FaultInjection.BlockInclusion, FaultInjection.BlockProduction, FaultInjection.CommitHold, "module_slow"], faults.Names);
        Assert.True(faults.TrySet("module_slow", true));
        Assert.True(module.Active);
        Assert.True(faults.TrySet("module_slow", false));
        Assert.False(module.Active);
        Assert.False(faults.TrySet("module_fast", true));
    }

    [Fact]
    public void Without_the_flag_a_module_switch_is_refused_like_the_core_ones()
    {
        var module = new TestSwitch("module_slow");
        var faults = new FaultInjection(allowed: false, [module]);

        Assert.False(faults.TrySet("module_slow", true));
        Assert.False(module.Active);
    }

    [Theory]
    [InlineData(FaultInjection.Storage)]
    [InlineData("module_slow")]
    public void Two_switches_with_one_name_are_a_start_up_error(string taken)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FaultInjection(allowed: true, [new TestSwitch("module_slow"), new TestSwitch(taken)]));

        Assert.Contains($"\"{taken}\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Energy_registers_its_submit_delay_only_when_the_node_allows_fault_injection()
    {
        using var off = Energy(new NodeOptions());
        using var on = Energy(new NodeOptions { AllowFaultInjection = true });

        Assert.Empty(off.GetServices<IFaultSwitch>());
        Assert.DoesNotContain(ReadingsSubmitDelay.FaultName, off.GetRequiredService<FaultInjection>().Names);
        Assert.Equal(ReadingsSubmitDelay.FaultName, Assert.Single(on.GetServices<IFaultSwitch>()).Name);
        Assert.True(on.GetRequiredService<FaultInjection>().TrySet(ReadingsSubmitDelay.FaultName, true));
        Assert.True(on.GetRequiredService<ReadingsSubmitDelay>().Active);
    }

    [Fact]
    public async Task The_submit_delay_holds_a_call_for_the_configured_time_only_while_on()
    {
        var time = new FakeTimeProvider();
        var delay = new ReadingsSubmitDelay(new NodeOptions { FaultDelayMs = 8_000 }, time);

        Assert.True(delay.HoldAsync(CancellationToken.None).IsCompleted);
        delay.Set(true);
        var held = delay.HoldAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(7_999));
        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await held;
    }

    private static ServiceProvider Energy(NodeOptions options) =>
        new ServiceCollection()
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddEnergy(options)
            .AddFaultInjection(options)
            .BuildServiceProvider();

    private sealed class TestSwitch(string name) : IFaultSwitch
    {
        public string Name => name;

        public bool Active { get; private set; }

        public void Set(bool active) => Active = active;
    }
}
