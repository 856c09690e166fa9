using System.Text.Json;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

/// <summary>
/// Ids and heights are unsigned 64-bit on the wire but signed in SQLite: values in [2^63, 2^64) must be answered as
/// not found, like any other id or height the chain does not have, never as an internal error.
/// </summary>
public sealed class NodeRpcExtremeValuesTests
{
    public static TheoryData<ulong> AboveLongMax => [(ulong)long.MaxValue + 1, ulong.MaxValue - 1, ulong.MaxValue];

    [Theory]
    [MemberData(nameof(AboveLongMax))]
    public async Task Block_show_with_height_above_long_max_is_block_not_found(ulong height)
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();

        JsonElement answer = await node.CallAsync("block.show", $$"""{"height":{{height}}}""");

        string message = RpcAssert.Error(answer, RpcErrorCodes.NotFound, "block_not_found");
        Assert.StartsWith($"no block at height {height}; the chain is at ", message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AboveLongMax))]
    public async Task Gov_treasury_show_with_id_above_long_max_is_disbursement_not_found(ulong id)
    {
        await using NodeRpcTestHost node = await NodeRpcTestHost.StartAsync();

        JsonElement answer = await node.CallAsync("gov.treasury.show", $$"""{"id":{{id}}}""");

        Assert.Equal($"there is no disbursement {id}", RpcAssert.Error(answer, RpcErrorCodes.NotFound, "disbursement_not_found"));
    }
}
