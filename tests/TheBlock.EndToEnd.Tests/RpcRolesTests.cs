using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Primitives;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// On a real devnet with the real contract-cli: a signed transaction needs no token, and every method the node
/// signs or controls refuses a caller without the right token (spec/conventions.md, "Auth").
/// </summary>
public sealed class RpcRolesTests
{
    private static readonly string[] AdminMethods =
        ["audit.settlement", "debug.fault.set", "debug.receipts.traffic.set", "energy.disputes.resolve", "gov.treasury.executor.pause", "gov.treasury.executor.resume", "gov.treasury.rollback", "receipts.reset_validation_state"];

    [Fact]
    public async Task Contract_cli_transfers_with_no_token_configured_at_all()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator");
        // The devnet shared its admin token with the CLI; take it away. DotnetProcess clears THEBLOCK_RPC_TOKEN and
        // gives the CLI this private HOME, and no --token is passed: the CLI has no token at all.
        File.Delete(Path.Combine(devnet.Home, ".config", "the-block", "token"));
        Assert.Empty(Directory.EnumerateFiles(devnet.Home, "*token*", SearchOption.AllDirectories));
        var recipient = Address.FromPublicKey(new byte[32]).ToString();

        var transfer = await devnet.CliJson("tx", "transfer", "--to", recipient, "--amount", "7");

        Assert.Equal("committed", transfer.GetProperty("status").GetString());
        Assert.Equal(7UL, (await devnet.CliJson("node", "ledger", "inspect", "--account", recipient)).GetProperty("balance").GetUInt64());
        var refused = await devnet.Cli("gov", "treasury", "executor", "pause");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("\"unauthorized\"", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_does_not_stop_a_signed_transfer()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator");
        var recipient = Address.FromPublicKey(new byte[32]).ToString();

        var transfer = await devnet.CliJson("tx", "transfer", "--to", recipient, "--amount", "3", "--token", "not-the-token");

        Assert.Equal("committed", transfer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Every_method_the_devnet_serves_that_is_not_public_refuses_a_missing_or_wrong_token_with_unauthorized()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator");
        using var rpc = new RawRpc(devnet.RpcUrl);
        var token = File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();

        var served = (await devnet.CliJson("rpc", "methods")).GetProperty("methods").EnumerateArray()
            .Select(method => (Name: method.GetProperty("name").GetString()!, Role: method.GetProperty("role").GetString()!))
            .ToList();
        var guarded = served.Where(method => method.Role != "public").ToList();

        Assert.Equal(AdminMethods, guarded.Where(method => method.Role == "admin").Select(method => method.Name).Order(StringComparer.Ordinal));
        foreach (var (name, role) in guarded)
        {
            foreach (var wrong in new[] { null, "not-the-token", token + "0" })
            {
                var answer = await rpc.CallAsync(name, "{}", wrong);
                Assert.True(RawRpc.Error(answer) == (-32001, "unauthorized"), $"{name} ({role}) with token {wrong ?? "(none)"} answered {answer}");
            }

            // The admin token may call everything: the answer is the method's own, never unauthorized.
            var admitted = await rpc.CallAsync(name, "{}", token);
            Assert.False(
                admitted.TryGetProperty("error", out var error) && error.GetProperty("data").GetProperty("reason").GetString() == "unauthorized",
                $"{name} with the admin token answered {admitted}");
        }
    }
}
