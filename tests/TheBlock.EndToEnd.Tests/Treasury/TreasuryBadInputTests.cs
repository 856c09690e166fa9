using System.Text.Json.Nodes;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Every refused treasury command gets its specific error (exit code, and code and reason of contract-cli's error JSON
/// on stderr) and changes nothing: the disbursements, and the signer's account, read the same before and after.
/// </summary>
public sealed class TreasuryBadInputTests : IClassFixture<TreasuryBadInputFixture>
{
    private readonly TreasuryBadInputFixture _fixture;

    public TreasuryBadInputTests(TreasuryBadInputFixture fixture) => _fixture = fixture;

    private DevnetProcess Devnet => _fixture.Devnet;

    private TreasuryDriver Driver => _fixture.Driver;

    [Fact]
    public async Task A_destination_with_a_bad_checksum_is_refused_before_signing()
    {
        var valid = _fixture.Destination;
        var typo = valid[..^1] + (valid[^1] == 'q' ? 'p' : 'q');

        var failure = await CreateRefused(TreasuryDriver.Proposal("Typo", typo, 10));

        Assert.Equal(new CliFailure(2, 2, "invalid_destination", failure.Message), failure);
        Assert.Contains("bad checksum", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amount_of_zero_is_refused()
    {
        var failure = await CreateRefused(TreasuryDriver.Proposal("Nothing", _fixture.Destination, 0));

        Assert.Equal((2, 2L, "invalid_amount"), (failure.ExitCode, failure.Code, failure.Reason));
    }

    [Fact]
    public async Task A_memo_over_8_KiB_is_refused_and_one_of_exactly_8_KiB_is_valid()
    {
        var proposal = TreasuryDriver.Proposal("Long memo", _fixture.Destination, 10);
        proposal["memo"] = new string('m', 8 * 1024);
        var preview = await Devnet.CliJson("gov", "disburse", "preview", "--json", await Driver.WriteFileAsync(proposal));
        Assert.True(preview.GetProperty("valid").GetBoolean(), preview.ToString());

        proposal["memo"] = new string('m', (8 * 1024) + 1);
        var failure = await CreateRefused(proposal);

        Assert.Equal((2, 2L, "memo_too_large"), (failure.ExitCode, failure.Code, failure.Reason));
    }

    [Fact]
    public async Task A_dependency_on_a_disbursement_that_does_not_exist_is_refused_by_the_chain()
    {
        var proposal = TreasuryDriver.Proposal("Depends on nothing", _fixture.Destination, 10);
        proposal["deps"] = new JsonArray(_fixture.Open + 1_000);

        var failure = await CreateRefused(proposal);

        // The CLI cannot know which ids exist; the node refuses the transaction at admission.
        Assert.Equal((1, -32011L, "unknown_dependency"), (failure.ExitCode, failure.Code, failure.Reason));
        Assert.Contains($"{_fixture.Open + 1_000}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_100_dependencies_are_refused()
    {
        var proposal = TreasuryDriver.Proposal("Depends on everything", _fixture.Destination, 10);
        proposal["deps"] = new JsonArray([.. Enumerable.Range(1, 101).Select(i => JsonValue.Create(i))]);

        var failure = await CreateRefused(proposal);

        Assert.Equal((2, 2L, "too_many_deps"), (failure.ExitCode, failure.Code, failure.Reason));
    }

    [Fact]
    public async Task Show_vote_and_rollback_of_an_unknown_id_are_disbursement_not_found()
    {
        var unknown = TreasuryDriver.Text(_fixture.Open + 500);

        Assert.Equal((1, -32010L, "disbursement_not_found"), Brief(await Refused("gov", "treasury", "show", "--id", unknown)));
        Assert.Equal((1, -32011L, "disbursement_not_found"), Brief(await Refused("gov", "vote", "--id", unknown, "--choice", "yes")));
        Assert.Equal((1, -32010L, "disbursement_not_found"), Brief(await Refused("gov", "treasury", "rollback", "--id", unknown, "--reason", "No such grant")));
    }

    [Fact]
    public async Task Rolling_back_a_finalized_disbursement_is_already_final()
    {
        var failure = await Refused("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(_fixture.Finalized), "--reason", "Too late");

        Assert.Equal((1, -32011L, "already_final"), Brief(failure));
        Assert.Equal("finalized", TreasuryDriver.State(await Driver.ShowAsync(_fixture.Finalized)));
    }

    [Fact]
    public async Task A_vote_signed_by_a_key_outside_the_council_is_not_a_council_member()
    {
        var outsider = await Devnet.CliJson("keys", "address", "--key", _fixture.OutsiderKeyFile);
        var before = await Driver.InspectAsync(outsider.GetProperty("address").GetString()!, entries: 1);

        var failure = await Refused("gov", "vote", "--id", TreasuryDriver.Text(_fixture.Open), "--choice", "yes", "--key", _fixture.OutsiderKeyFile);

        Assert.Equal((1, -32011L, "not_a_council_member"), Brief(failure));
        Assert.Equal(before.GetRawText(), (await Driver.InspectAsync(outsider.GetProperty("address").GetString()!, entries: 1)).GetRawText());
        Assert.Equal(0UL, (await Driver.ShowAsync(_fixture.Open)).GetProperty("proposal").GetProperty("votes").GetProperty("yes").GetUInt64());
    }

    [Fact]
    public async Task A_vote_after_the_deadline_is_voting_closed()
    {
        var failure = await Refused("gov", "vote", "--id", TreasuryDriver.Text(_fixture.VoteFailed), "--choice", "yes");

        Assert.Equal((1, -32011L, "voting_closed"), Brief(failure));
        var after = await Driver.ShowAsync(_fixture.VoteFailed);
        Assert.Equal("rolled_back", TreasuryDriver.State(after));
        Assert.Equal("vote_failed", after.GetProperty("status").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_rollback_without_the_admin_token_is_unauthorized()
    {
        var failure = await Refused("gov", "treasury", "rollback", "--id", TreasuryDriver.Text(_fixture.Open), "--reason", "Not mine to cancel", "--token", "wrong");

        Assert.Equal((1, -32001L, "unauthorized"), Brief(failure));
        Assert.Equal("voting", TreasuryDriver.State(await Driver.ShowAsync(_fixture.Open)));
    }

    private async Task<CliFailure> CreateRefused(JsonNode proposal) =>
        await Refused("gov", "disburse", "create", "--json", await Driver.WriteFileAsync(proposal));

    /// <summary>Runs a command that must fail, and checks that the disbursements and the CLI key's account did not change.</summary>
    private async Task<CliFailure> Refused(params string[] args)
    {
        var before = await SnapshotAsync();
        var result = await Devnet.Cli(args);
        var failure = TreasuryDriver.Failure(result);
        Assert.Equal(before, await SnapshotAsync());
        return failure;
    }

    private async Task<string> SnapshotAsync()
    {
        var disbursements = await Driver.ListAsync();
        var signer = await Driver.InspectAsync(_fixture.CliAddress, entries: 5);
        return $"{disbursements.GetRawText()}\n{signer.GetRawText()}";
    }

    private static (int, long, string) Brief(CliFailure failure) => (failure.ExitCode, failure.Code, failure.Reason);
}
