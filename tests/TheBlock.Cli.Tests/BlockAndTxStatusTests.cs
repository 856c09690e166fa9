using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class BlockAndTxStatusTests
{
    [Fact]
    public async Task Block_show_sends_the_height_as_a_number()
    {
        const string Block = """{"height":7,"hash":"ab","transactions":[]}""";
        using var server = new FakeRpcServer().Reply("block.show", Block);

        var run = await ContractCli.RunAsync("block", "show", "--height", "7", "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("block.show", request.Method);
        Assert.Equal(7UL, request.Params.GetProperty("height").GetUInt64());
        Assert.Equal(7, run.Json.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task Block_show_with_a_height_that_is_not_a_number_is_a_usage_error()
    {
        using var server = new FakeRpcServer();

        var run = await ContractCli.RunAsync("block", "show", "--height", "tall", "--rpc", server.Url);

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Tx_status_sends_the_hash_in_lowercase()
    {
        using var server = new FakeRpcServer().Reply("tx.status", Samples.TxStatus(Samples.Hash, "pending"));

        var run = await ContractCli.RunAsync("tx", "status", "--hash", Samples.Hash.ToUpperInvariant(), "--rpc", server.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(server.Requests);
        Assert.Equal("tx.status", request.Method);
        Assert.Equal(Samples.Hash, request.Params.GetProperty("hash").GetString());
        Assert.Equal("pending", run.Json.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a")]
    [InlineData("3f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a00")]
    public async Task Tx_status_with_a_malformed_hash_is_a_usage_error_and_sends_nothing(string hash)
    {
        using var server = new FakeRpcServer();

        var run = await ContractCli.RunAsync("tx", "status", "--hash", hash, "--rpc", server.Url);

        ContractCli.AssertFails(run, 2, "invalid_hash");
        Assert.Empty(server.Requests);
    }
}
