using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests;

public sealed class ErrorContractTests
{
    [Fact]
    public async Task A_server_error_exits_1_with_its_code_and_reason_and_prints_nothing_on_stdout()
    {
        using var server = new FakeRpcServer().ReplyError("node.status", -32010, "unauthorized", "token is not allowed to call node.status");

        var run = await ContractCli.RunAsync("node", "status", "--rpc", server.Url);

        ContractCli.AssertFails(run, 1, "unauthorized");
        Assert.Equal(-32010, run.ErrorCode);
        Assert.Equal("token is not allowed to call node.status", run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unreachable_server_exits_3_naming_the_url()
    {
        var url = FakeRpcServer.ClosedUrl();

        var run = await ContractCli.RunAsync("node", "status", "--rpc", url);

        ContractCli.AssertFails(run, 3, "unreachable");
        Assert.Equal(3, run.ErrorCode);
        Assert.Contains(url, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_rpc_url_that_is_not_http_is_a_usage_error()
    {
        var run = await ContractCli.RunAsync("node", "status", "--rpc", "not a url");

        ContractCli.AssertFails(run, 2, "invalid_url");
    }

    [Fact]
    public async Task An_unknown_flag_exits_2_with_reason_usage_naming_the_flag()
    {
        using var server = new FakeRpcServer();

        var run = await ContractCli.RunAsync("node", "status", "--bogus", "--rpc", server.Url);

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Equal(2, run.ErrorCode);
        Assert.Contains("--bogus", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error()
    {
        var run = await ContractCli.RunAsync("tx", "status");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Contains("--hash", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_command_at_all_is_a_usage_error()
    {
        var run = await ContractCli.RunAsync();

        ContractCli.AssertFails(run, 2, "usage");
    }

    [Fact]
    public async Task An_unknown_output_format_is_a_usage_error_on_one_line()
    {
        var run = await ContractCli.RunAsync("node", "status", "--output", "xml");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.DoesNotContain('\t', run.Error.GetProperty("message").GetString() ?? string.Empty);
    }
}
