using Microsoft.Extensions.DependencyInjection;
using TheBlock.Client.Receipts;
using TheBlock.Server.Receipts;
using TheBlock.Server.Rpc;
using TheBlock.Server.Tests.Rpc;

namespace TheBlock.Server.Tests.Receipts;

/// <summary><c>debug.receipts.traffic.set</c>, the switch behind <c>dev drill market-flatline</c> and <c>receipt-validation-errors</c>: a devnet takes it, another chain refuses it.</summary>
public sealed class ReceiptsTrafficSwitchTests
{
    [Fact]
    public async Task A_devnet_switches_its_simulated_receipts_off_and_on()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        var traffic = node.Services.GetRequiredService<ReceiptsTrafficSwitch>();

        var off = RpcAssert.Result(await node.CallAsync(ReceiptsMethods.TrafficSet, """{"active":false}""", node.AdminToken));
        Assert.False(off.GetProperty("active").GetBoolean());
        Assert.False(traffic.Active);
        Assert.Equal(["storage_dev_001", "compute_dev_001", "ad_dev_001"], off.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));

        var unchanged = RpcAssert.Result(await node.CallAsync(ReceiptsMethods.TrafficSet, "{}", node.AdminToken));
        Assert.False(unchanged.GetProperty("active").GetBoolean());

        var on = RpcAssert.Result(await node.CallAsync(ReceiptsMethods.TrafficSet, """{"active":true}""", node.AdminToken));
        Assert.True(on.GetProperty("active").GetBoolean());
        Assert.True(traffic.Active);
    }

    [Fact]
    public async Task A_devnet_switches_badly_signed_receipts_on_and_off_without_touching_the_traffic()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        var traffic = node.Services.GetRequiredService<ReceiptsTrafficSwitch>();

        var forging = RpcAssert.Result(await node.CallAsync(ReceiptsMethods.TrafficSet, """{"bad_signatures":true}""", node.AdminToken));
        Assert.True(forging.GetProperty("bad_signatures").GetBoolean());
        Assert.True(forging.GetProperty("active").GetBoolean());
        Assert.True(traffic.BadSignatures);

        var stopped = RpcAssert.Result(await node.CallAsync(ReceiptsMethods.TrafficSet, """{"bad_signatures":false}""", node.AdminToken));
        Assert.False(stopped.GetProperty("bad_signatures").GetBoolean());
        Assert.False(traffic.BadSignatures);
        Assert.True(traffic.Active);
    }

    [Fact]
    public async Task Another_chain_refuses_the_switch_and_keeps_its_traffic()
    {
        await using var node = await NodeRpcTestHost.StartAsync("testnet-rpc");

        var answer = await node.CallAsync(ReceiptsMethods.TrafficSet, """{"active":false}""", node.AdminToken);

        var message = RpcAssert.Error(answer, RpcErrorCodes.Unavailable, ReceiptsReasonRegistry.TrafficSwitchDisabled);
        Assert.Contains("testnet-rpc", message, StringComparison.Ordinal);
        Assert.True(node.Services.GetRequiredService<ReceiptsTrafficSwitch>().Active);
        Assert.False(node.Services.GetRequiredService<ReceiptsTrafficSwitch>().BadSignatures);
    }
}
