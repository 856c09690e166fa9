using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Protocol;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Tests.Treasury;

public sealed class GovDisburseCommandsTests : IDisposable
{
    private const string Preview = """
        {"valid":false,"problems":[{"field":"deps","reason":"unknown_dependency","message":"deps names disbursement 40, which does not exist"}],
         "next_id":13,"proposal":null}
        """;

    private readonly TempDirectory _directory = new();
    private readonly FakeRpcServer _server = new();
    private readonly string _keyFile;
    private readonly string _proposer = TestKeys.FilledAddress(1);
    private readonly string _destination = TestKeys.FilledAddress(2);
    private readonly string _receiver = TestKeys.FilledAddress(3);

    public GovDisburseCommandsTests()
    {
        _keyFile = TestKeys.WriteKeyFile(_directory, 1);
        _server
            .Reply("node.status", Samples.NodeStatus)
            .Reply("node.ledger.inspect", Samples.Ledger(_proposer, 4))
            .Reply("tx.submit", $$"""{"tx_hash":"{{Samples.Hash}}","status":"pending"}""")
            .Reply("tx.status", Samples.CommittedWithEvents(Samples.Hash, $$"""[{"type":"disbursement_created","description":"created disbursement 13","data":{{TreasurySamples.Disbursement(13, "draft")}}}]"""));
    }

    public void Dispose()
    {
        _server.Dispose();
        _directory.Dispose();
    }

    private string FullProposal => $$"""
        {"title":"Audit grant","summary":"Q3 security audit","destination":"{{_destination}}",
         "amount_ct":900,"amount_it":100,"memo":"invoice 17","scheduled_epoch":12,
         "expected_receipts":[{"account":"{{_receiver}}","amount_ct":900,"amount_it":100}],
         "deps":[7,9],"vote_window_epochs":2,"timelock_epochs":1,"rollback_window_epochs":3}
        """;

    [Fact]
    public async Task Preview_sends_the_file_as_the_proposal_param_and_prints_the_result()
    {
        _server.Reply("gov.disburse.preview", Preview);
        var file = Write("proposal.json", FullProposal);

        var run = await Disburse("preview", "--json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_server.Requests);
        Assert.Equal("gov.disburse.preview", request.Method);
        Assert.Equal(["proposal"], request.Params.EnumerateObject().Select(p => p.Name));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(FullProposal).RootElement, request.Params.GetProperty("proposal")), request.Params.ToString());
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(Preview).RootElement, run.Json), run.ToString());
    }

    [Fact]
    public async Task Preview_exits_0_and_sends_the_document_as_written_even_when_it_has_problems()
    {
        _server.Reply("gov.disburse.preview", Preview);
        var file = Write("proposal.json", """{"title":"x","amount_ct":"12"}""");

        var run = await Disburse("preview", "--json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(run.Json.GetProperty("valid").GetBoolean());
        Assert.Equal("12", Assert.Single(_server.Requests).Params.GetProperty("proposal").GetProperty("amount_ct").GetString());
    }

    [Fact]
    public async Task Preview_reads_the_proposal_from_stdin_when_the_file_is_a_dash()
    {
        _server.Reply("gov.disburse.preview", Preview);
        var original = Console.In;
        Console.SetIn(new StringReader(FullProposal));
        CliRun run;
        try
        {
            run = await Disburse("preview", "--json", "-");
        }
        finally
        {
            Console.SetIn(original);
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(_destination, Assert.Single(_server.Requests).Params.GetProperty("proposal").GetProperty("destination").GetString());
    }

    [Theory]
    [InlineData("preview")]
    [InlineData("create")]
    public async Task A_file_that_is_not_json_is_a_usage_error_and_sends_nothing(string command)
    {
        var file = Write("proposal.json", """{"title": "Audit grant", """);

        var run = await Disburse(command, "--json", file);

        ContractCli.AssertFails(run, 2, "invalid_json");
        Assert.Contains(file, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("preview")]
    [InlineData("create")]
    public async Task A_file_that_cannot_be_read_is_a_usage_error_naming_it(string command)
    {
        var missing = _directory.File("missing.json");

        var run = await Disburse(command, "--json", missing);

        ContractCli.AssertFails(run, 2, "file_unreadable");
        Assert.Contains(missing, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Preview_without_json_is_a_usage_error()
    {
        var run = await Disburse("preview");

        ContractCli.AssertFails(run, 2, "usage");
        Assert.Contains("--json", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_signs_the_proposal_waits_once_and_prints_the_disbursement_its_result_carries()
    {
        var file = Write("proposal.json", FullProposal);

        var run = await Disburse("create", "--json", file, "--fee", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["node.status", "node.ledger.inspect", "tx.submit", "tx.status"], _server.Requests.Select(r => r.Method));
        var transaction = Transaction.Decode(Convert.FromHexString(_server.Requests[2].Params.GetProperty("tx").GetString()!), StandardChain.Modules);
        Assert.True(transaction.VerifySignature());
        Assert.Equal(Samples.ChainId, transaction.ChainId);
        Assert.Equal(_proposer, transaction.Sender.ToString());
        Assert.Equal(4UL, transaction.Nonce);
        Assert.Equal(2UL, transaction.Fee);
        var payload = Assert.IsType<DisbursementCreatePayload>(transaction.Payload);
        var expected = new DisbursementProposal(
            "Audit grant", "Q3 security audit", Parse(_destination), 900, 100, "invoice 17", 12,
            [new ExpectedReceipt(Parse(_receiver), 900, 100)], [7, 9], 2, 1, 3);
        Assert.Equal(expected, payload.Proposal);

        // The committed status carries the created disbursement: no second lookup.
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(TreasurySamples.Disbursement(13, "draft")).RootElement, run.Json), run.ToString());
    }

    [Fact]
    public async Task Create_fails_clearly_when_the_committed_result_names_no_created_disbursement()
    {
        _server.Reply("tx.status", Samples.CommittedWithEvents(Samples.Hash, "[]"));
        var file = Write("proposal.json", FullProposal);

        var run = await Disburse("create", "--json", file);

        ContractCli.AssertFails(run, 1, "unexpected_response");
        Assert.Contains("names no created disbursement", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_fills_the_documented_defaults_for_fields_left_out()
    {
        var file = Write("proposal.json", $$"""{"title":"Tiny","destination":"{{_destination}}","amount_it":5}""");

        var run = await Disburse("create", "--json", file);

        Assert.True(run.ExitCode == 0, run.ToString());
        var transaction = Transaction.Decode(Convert.FromHexString(_server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!), StandardChain.Modules);
        var expected = new DisbursementProposal("Tiny", string.Empty, Parse(_destination), 0, 5, string.Empty, 0, [], [], null, null, null);
        Assert.Equal(expected, Assert.IsType<DisbursementCreatePayload>(transaction.Payload).Proposal);
    }

    [Fact]
    public async Task Create_with_no_wait_prints_the_transaction_hash_and_does_not_look_it_up()
    {
        var file = Write("proposal.json", FullProposal);

        var run = await Disburse("create", "--json", file, "--no-wait");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_server.Requests, r => r.Method is "tx.status");
        var hex = _server.Requests.Single(r => r.Method == "tx.submit").Params.GetProperty("tx").GetString()!;
        Assert.Equal(Transaction.Decode(Convert.FromHexString(hex), StandardChain.Modules).Hash.ToString(), run.Json.GetProperty("tx_hash").GetString());
    }

    [Fact]
    public async Task Create_with_problems_is_refused_with_the_first_reason_naming_every_problem_and_signs_nothing()
    {
        var badDestination = TestKeys.WithBadChecksum(_destination);
        var file = Write("proposal.json", $$"""
            {"title":"Audit grant","destination":"{{badDestination}}","amount_ct":-5,"memo":7,"colour":"blue",
             "expected_receipts":[{"account":"nobody","amount_ct":1}],"deps":["3"]}
            """);

        var run = await Disburse("create", "--json", file);

        ContractCli.AssertFails(run, 2, "invalid_field");
        var message = run.Error.GetProperty("message").GetString()!;
        Assert.StartsWith("the proposal has 6 problems: ", message, StringComparison.Ordinal);
        foreach (var part in new[] { "colour", badDestination, "(invalid_destination)", "amount_ct must not be negative", "memo must be a string", "expected_receipts[0].account", "(invalid_expected_receipts)", "deps[0]" })
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Create_breaking_a_proposal_rule_is_refused_with_that_rules_reason()
    {
        var file = Write("proposal.json", $$"""{"title":"Grant","destination":"{{_destination}}","amount_ct":900,"deps":[4,4]}""");

        var run = await Disburse("create", "--json", file);

        ContractCli.AssertFails(run, 2, "duplicate_dependency");
        Assert.Contains("more than once", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Create_rejected_by_the_chain_exits_1_with_the_chains_reason()
    {
        _server.Reply("tx.status", Samples.TxStatus(Samples.Hash, "rejected", "not_a_council_member", "ct1… is not a council member"));
        var file = Write("proposal.json", FullProposal);

        var run = await Disburse("create", "--json", file);

        ContractCli.AssertFails(run, 1, "not_a_council_member");
        Assert.DoesNotContain(_server.Requests, r => r.Method == "gov.treasury.show");
    }

    private static Address Parse(string address) =>
        Address.TryParse(address, out var parsed, out var error) ? parsed : throw new ArgumentException(error, nameof(address));

    private string Write(string name, string contents)
    {
        var path = _directory.File(name);
        File.WriteAllText(path, contents);
        return path;
    }

    private Task<CliRun> Disburse(params string[] args) =>
        ContractCli.RunAsync(["gov", "disburse", .. args, "--key", _keyFile, "--token", "s3cret", "--rpc", _server.Url]);
}
