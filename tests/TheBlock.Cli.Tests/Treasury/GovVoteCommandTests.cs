using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Protocol;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Tests.Treasury;

public sealed class GovVoteCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeRpcServer _server = new();
    private readonly string _keyFile;
    private readonly string _voter = TestKeys.FilledAddress(1);

    public GovVoteCommandTests()
    {
        _keyFile = TestKeys.WriteKeyFile(_directory, 1);
        _server
            .Reply("node.status", Samples.NodeStatus)
            .Reply("node.ledger.inspect", Samples.Ledger(_voter, 9))
            .Reply("tx.submit", $$"""{"tx_hash":"{{Samples.Hash}}","status":"pending"}""")
            .Reply("tx.status", Samples.TxStatus(Samples.Hash, "committed"))
            .Reply("gov.treasury.show", TreasurySamples.Disbursement(12, "voting", yes: 40, no: 10, abstain: 5));
    }

    public void Dispose()
    {
        _server.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("yes", VoteChoice.Yes)]
    [InlineData("no", VoteChoice.No)]
    [InlineData("abstain", VoteChoice.Abstain)]
    public async Task Vote_signs_the_choice_for_the_id_and_submits_it(string choice, VoteChoice expected)
    {
        var run = await Vote("--id", "12", "--choice", choice);

        Assert.True(run.ExitCode == 0, run.ToString());
        var transaction = Transaction.Decode(Convert.FromHexString(_server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!), StandardChain.Modules);
        Assert.True(transaction.VerifySignature());
        Assert.Equal(_voter, transaction.Sender.ToString());
        Assert.Equal(9UL, transaction.Nonce);
        Assert.Equal(new VotePayload(12, expected), transaction.Payload);
    }

    [Fact]
    public async Task Vote_waits_for_the_commit_then_prints_the_vote_with_the_tally_and_state_from_show()
    {
        var run = await Vote("--id", "12", "--choice", "yes");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["node.status", "node.ledger.inspect", "tx.submit", "tx.status", "gov.treasury.show"], _server.Requests.Select(r => r.Method));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse("""{"id":12}""").RootElement, _server.Requests[4].Params));
        var expected = $$"""
            {"id":12,"voter":"{{_voter}}","choice":"yes","tx_hash":"{{Samples.Hash}}","block_height":43,
             "tally":{"yes":40,"no":10,"abstain":5},"state":"voting"}
            """;
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, run.Json), run.ToString());
    }

    [Fact]
    public async Task Vote_with_no_wait_prints_the_transaction_hash_only()
    {
        var run = await Vote("--id", "12", "--choice", "no", "--no-wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["tx_hash"], run.Json.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(_server.Requests, r => r.Method == "gov.treasury.show");
    }

    [Theory]
    [InlineData("Yes")]
    [InlineData("maybe")]
    [InlineData("")]
    public async Task A_choice_other_than_yes_no_or_abstain_is_a_usage_error(string choice)
    {
        var run = await Vote("--id", "12", "--choice", choice);

        ContractCli.AssertFails(run, 2, "invalid_choice");
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("twelve")]
    [InlineData("-1")]
    public async Task An_id_that_is_not_a_whole_number_is_a_usage_error(string id)
    {
        var run = await Vote("--id", id, "--choice", "yes");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_vote_rejected_by_the_chain_exits_1_with_its_reason()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "rejected", "voting_closed", "disbursement 12 is not in voting"));

        var run = await Vote("--id", "12", "--choice", "yes");

        ContractCli.AssertFails(run, 1, "voting_closed");
        Assert.DoesNotContain(_server.Requests, r => r.Method == "gov.treasury.show");
    }

    private Task<CliRun> Vote(params string[] args) =>
        ContractCli.RunAsync(["gov", "vote", .. args, "--key", _keyFile, "--rpc", _server.Url]);
}
