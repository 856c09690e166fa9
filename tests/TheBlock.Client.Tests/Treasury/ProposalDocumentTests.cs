using System.Text.Json;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Tests.Treasury;

public sealed class ProposalDocumentTests
{
    private static readonly string Destination = AddressOf(1);
    private static readonly string Receiver = AddressOf(2);

    [Fact]
    public void A_complete_document_reads_as_the_proposal_it_describes()
    {
        var reading = Read($$"""
            {"title":"Audit grant","summary":"Q3 audit","destination":"{{Destination}}","amount_ct":900,"amount_it":100,
             "memo":"invoice 17","scheduled_epoch":12,"expected_receipts":[{"account":"{{Receiver}}","amount_ct":900,"amount_it":100}],
             "deps":[7,9],"vote_window_epochs":2,"timelock_epochs":0,"rollback_window_epochs":3}
            """, nextId: 10);

        Assert.True(reading.IsValid, Describe(reading));
        var expected = new DisbursementProposal(
            "Audit grant", "Q3 audit", Parse(Destination), 900, 100, "invoice 17", 12,
            [new ExpectedReceipt(Parse(Receiver), 900, 100)], [7, 9], 2, 0, 3);
        Assert.Equal(expected, reading.Proposal);
    }

    [Fact]
    public void Fields_left_out_take_the_documented_defaults()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5}""");

        Assert.True(reading.IsValid, Describe(reading));
        var expected = new DisbursementProposal("Grant", string.Empty, Parse(Destination), 5, 0, string.Empty, 0, [], [], null, null, null);
        Assert.Equal(expected, reading.Proposal);
    }

    [Fact]
    public void Optional_fields_given_as_null_take_their_defaults()
    {
        var reading = Read($$"""
            {"title":"Grant","destination":"{{Destination}}","amount_it":5,"amount_ct":null,"summary":null,"memo":null,
             "scheduled_epoch":null,"expected_receipts":null,"deps":null,"vote_window_epochs":null,"timelock_epochs":null,
             "rollback_window_epochs":null}
            """);

        Assert.True(reading.IsValid, Describe(reading));
        Assert.Equal(new DisbursementProposal("Grant", string.Empty, Parse(Destination), 0, 5, string.Empty, 0, [], [], null, null, null), reading.Proposal);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"proposal\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void A_document_that_is_not_an_object_is_one_problem_with_the_whole_proposal(string json, string got)
    {
        var reading = Read(json);

        Assert.Null(reading.Proposal);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(new ProposalProblem("proposal", TreasuryReasons.InvalidField, $"a proposal must be a JSON object, got {got}"), problem);
    }

    [Fact]
    public void Title_and_destination_are_required()
    {
        var reading = Read("""{"amount_ct":5}""");

        Assert.Null(reading.Proposal);
        Assert.Equal(["title", "destination"], reading.Problems.Select(p => p.Field));
        Assert.All(reading.Problems, p => Assert.Equal(TreasuryReasons.InvalidField, p.Reason));
        Assert.Contains("title is required", reading.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("destination is required: a ct1… address", reading.Problems[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_least_one_amount_is_required()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}"}""");

        Assert.Null(reading.Proposal);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(("amount_ct", TreasuryReasons.InvalidField), (problem.Field, problem.Reason));
        Assert.Contains("amount_ct or amount_it is required", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fields_are_named_at_the_top_level_and_in_receipts()
    {
        var reading = Read($$"""
            {"title":"Grant","destination":"{{Destination}}","amount_ct":5,"Amount_it":1,"note":"x",
             "expected_receipts":[{"account":"{{Receiver}}","amount_ct":5,"share":1}]}
            """);

        Assert.Null(reading.Proposal);
        Assert.Equal(["Amount_it", "note", "expected_receipts[0].share"], reading.Problems.Select(p => p.Field));
        Assert.All(reading.Problems, p => Assert.Equal(TreasuryReasons.InvalidField, p.Reason));
        Assert.StartsWith("unknown field \"note\"; expected only title, summary, destination", reading.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal("unknown field \"expected_receipts[0].share\"; expected only account, amount_ct, amount_it", reading.Problems[2].Message);
    }

    [Fact]
    public void A_field_given_twice_is_refused_rather_than_guessed()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"amount_ct":500}""");

        Assert.Null(reading.Proposal);
        Assert.Equal(new ProposalProblem("amount_ct", TreasuryReasons.InvalidField, "amount_ct is given more than once"), Assert.Single(reading.Problems));
    }

    [Theory]
    [InlineData("title", "5", "title", "title must be a string, got a number")]
    [InlineData("summary", "true", "summary", "summary must be a string, got true")]
    [InlineData("memo", "{}", "memo", "memo must be a string, got an object")]
    [InlineData("destination", "12", "destination", "destination must be a string, got a number")]
    [InlineData("deps", "7", "deps", "deps must be an array, got a number")]
    [InlineData("deps", "[1,\"2\"]", "deps[1]", "deps[1] must be a JSON integer, not a string: write 2 without quotes")]
    [InlineData("deps", "[[1]]", "deps[0]", "deps[0] must be a JSON integer, got an array")]
    [InlineData("expected_receipts", "{}", "expected_receipts", "expected_receipts must be an array, got an object")]
    [InlineData("expected_receipts", "[5]", "expected_receipts[0]", "expected_receipts[0] must be an object {account, amount_ct, amount_it}, got a number")]
    [InlineData("scheduled_epoch", "false", "scheduled_epoch", "scheduled_epoch must be a JSON integer, got false")]
    [InlineData("vote_window_epochs", "2.5", "vote_window_epochs", "vote_window_epochs must be a whole number written without a fraction or exponent, got 2.5")]
    public void A_field_of_the_wrong_type_is_an_invalid_field_naming_what_was_expected(string name, string value, string field, string message)
    {
        var members = new Dictionary<string, string> { ["title"] = "\"Grant\"", ["destination"] = $"\"{Destination}\"", ["amount_ct"] = "5" };
        members[name] = value;

        var reading = Read("{" + string.Join(",", members.Select(member => $"\"{member.Key}\":{member.Value}")) + "}");

        Assert.Null(reading.Proposal);
        Assert.Equal(new ProposalProblem(field, TreasuryReasons.InvalidField, message), Assert.Single(reading.Problems));
    }

    [Theory]
    [InlineData("\"900\"", "amount_ct must be a JSON integer, not a string: write 900 without quotes")]
    [InlineData("9.5", "amount_ct must be a whole number written without a fraction or exponent, got 9.5")]
    [InlineData("9.0", "amount_ct must be a whole number written without a fraction or exponent, got 9.0")]
    [InlineData("1e3", "amount_ct must be a whole number written without a fraction or exponent, got 1e3")]
    [InlineData("-5", "amount_ct must not be negative, got -5")]
    [InlineData("18446744073709551616", "amount_ct is 18446744073709551616; at most 18446744073709551615 is allowed")]
    [InlineData("true", "amount_ct must be a JSON integer, got true")]
    public void An_amount_must_be_a_non_negative_json_integer(string amount, string message)
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":{{amount}},"amount_it":1}""");

        Assert.Null(reading.Proposal);
        Assert.Equal(new ProposalProblem("amount_ct", TreasuryReasons.InvalidField, message), Assert.Single(reading.Problems));
    }

    [Fact]
    public void A_destination_with_a_bad_checksum_is_invalid_destination_with_the_address_parsers_sentence()
    {
        var bad = Destination[..^1] + (Destination[^1] == 'q' ? 'p' : 'q');
        Assert.False(Address.TryParse(bad, out _, out var why));

        var reading = Read($$"""{"title":"Grant","destination":"{{bad}}","amount_ct":5}""");

        Assert.Null(reading.Proposal);
        Assert.Equal(new ProposalProblem("destination", TreasuryReasons.InvalidDestination, $"destination: {why}"), Assert.Single(reading.Problems));
        Assert.Contains(bad, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("ct1")]
    [InlineData("")]
    public void A_destination_that_is_not_a_ct1_address_is_invalid_destination(string destination)
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{destination}}","amount_ct":5}""");

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(("destination", TreasuryReasons.InvalidDestination), (problem.Field, problem.Reason));
    }

    [Fact]
    public void A_receipt_with_a_bad_or_missing_account_is_invalid_expected_receipts_or_invalid_field()
    {
        var reading = Read($$"""
            {"title":"Grant","destination":"{{Destination}}","amount_ct":5,
             "expected_receipts":[{"account":"{{Receiver}}","amount_ct":2},{"account":"treasury","amount_ct":3},{"amount_ct":0}]}
            """);

        Assert.Null(reading.Proposal);
        Assert.Equal(2, reading.Problems.Count);
        Assert.Equal(("expected_receipts[1].account", TreasuryReasons.InvalidExpectedReceipts), (reading.Problems[0].Field, reading.Problems[0].Reason));
        Assert.StartsWith("expected_receipts[1].account: address \"treasury\"", reading.Problems[0].Message, StringComparison.Ordinal);
        Assert.Equal(("expected_receipts[2].account", TreasuryReasons.InvalidField), (reading.Problems[1].Field, reading.Problems[1].Reason));
    }

    [Fact]
    public void A_document_with_many_problems_reports_every_one_in_document_order()
    {
        var reading = Read("""
            {"title":["Grant"],"destination":"ct1nothing","amount_ct":-1,"amount_it":"2","memo":5,"scheduled_epoch":1.5,
             "expected_receipts":[{"account":7}],"deps":[1,-2,"3"],"timelock_epochs":{},"color":"red"}
            """);

        Assert.Null(reading.Proposal);
        Assert.Equal(
            [
                ("color", TreasuryReasons.InvalidField),
                ("title", TreasuryReasons.InvalidField),
                ("destination", TreasuryReasons.InvalidDestination),
                ("amount_ct", TreasuryReasons.InvalidField),
                ("amount_it", TreasuryReasons.InvalidField),
                ("memo", TreasuryReasons.InvalidField),
                ("scheduled_epoch", TreasuryReasons.InvalidField),
                ("expected_receipts[0].account", TreasuryReasons.InvalidField),
                ("deps[1]", TreasuryReasons.InvalidField),
                ("deps[2]", TreasuryReasons.InvalidField),
                ("timelock_epochs", TreasuryReasons.InvalidField),
            ],
            reading.Problems.Select(p => (p.Field, p.Reason)));
    }

    [Fact]
    public void A_readable_proposal_is_checked_against_every_proposal_rule()
    {
        var reading = Read($$"""
            {"title":"  ","destination":"{{Destination}}","amount_ct":10,"memo":"{{new string('m', ProposalRules.MaxMemoBytes + 1)}}",
             "expected_receipts":[{"account":"{{Receiver}}","amount_ct":4}],"deps":[3,3,9,10],"vote_window_epochs":0}
            """, nextId: 9);

        Assert.NotNull(reading.Proposal);
        Assert.False(reading.IsValid);
        Assert.Equal(
            [
                TreasuryReasons.InvalidTitle, TreasuryReasons.MemoTooLarge, TreasuryReasons.InvalidExpectedReceipts,
                TreasuryReasons.DuplicateDependency, TreasuryReasons.SelfDependency, TreasuryReasons.UnknownDependency, TreasuryReasons.InvalidWindow,
            ],
            reading.Problems.Select(p => p.Reason));
        Assert.Equal(ProposalRules.Problems(reading.Proposal, 9), reading.Problems);
    }

    [Fact]
    public void Zero_amounts_are_readable_and_break_the_amount_rule()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":0,"amount_it":0}""");

        Assert.NotNull(reading.Proposal);
        Assert.Equal(("amount_ct", TreasuryReasons.InvalidAmount), (Assert.Single(reading.Problems).Field, reading.Problems[0].Reason));
    }

    [Fact]
    public void Without_a_next_id_dependencies_are_assumed_to_exist_except_id_0()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"deps":[1,5000,18446744073709551615]}""");

        Assert.True(reading.IsValid, Describe(reading));

        var zero = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"deps":[0]}""");
        Assert.Equal(TreasuryReasons.UnknownDependency, Assert.Single(zero.Problems).Reason);
    }

    [Fact]
    public void With_a_next_id_dependencies_must_name_existing_disbursements()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"deps":[4,5,6]}""", nextId: 5);

        Assert.Equal(
            [(TreasuryReasons.SelfDependency, "deps"), (TreasuryReasons.UnknownDependency, "deps")],
            reading.Problems.Select(p => (p.Reason, p.Field)));
    }

    [Fact]
    public void Reading_does_not_depend_on_the_order_of_fields()
    {
        var forwards = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"deps":[1]}""");
        var backwards = Read($$"""{"deps":[1],"amount_ct":5,"destination":"{{Destination}}","title":"Grant"}""");

        Assert.Equal(forwards.Proposal, backwards.Proposal);
    }

    [Theory]
    [InlineData("title", "\"\\ud800\"", "title", "title must be valid Unicode text: it escapes an unpaired surrogate (\\ud800 to \\udfff)")]
    [InlineData("memo", "\"invoice \\udfff\"", "memo", "memo must be valid Unicode text: it escapes an unpaired surrogate (\\ud800 to \\udfff)")]
    [InlineData("destination", "\"ct1\\udc00\"", "destination", "destination must be valid Unicode text: it escapes an unpaired surrogate (\\ud800 to \\udfff)")]
    [InlineData("amount_ct", "\"\\ud800\"", "amount_ct", "amount_ct must be a JSON integer, got a string")]
    [InlineData("deps", "[\"\\ud800\"]", "deps[0]", "deps[0] must be a JSON integer, got a string")]
    public void A_string_escaping_an_unpaired_surrogate_is_an_invalid_field_not_a_crash(string name, string value, string field, string message)
    {
        var members = new Dictionary<string, string> { ["title"] = "\"Grant\"", ["destination"] = $"\"{Destination}\"", ["amount_ct"] = "5" };
        members[name] = value;

        var reading = Read("{" + string.Join(",", members.Select(member => $"\"{member.Key}\":{member.Value}")) + "}");

        Assert.Null(reading.Proposal);
        Assert.Equal(new ProposalProblem(field, TreasuryReasons.InvalidField, message), Assert.Single(reading.Problems));
    }

    [Fact]
    public void A_field_name_escaping_an_unpaired_surrogate_is_an_invalid_field_not_a_crash()
    {
        var reading = Read($$"""{"title":"Grant","destination":"{{Destination}}","amount_ct":5,"\ud800":1}""");

        Assert.Null(reading.Proposal);
        ProposalProblem problem = Assert.Single(reading.Problems);
        Assert.Equal(("proposal", TreasuryReasons.InvalidField), (problem.Field, problem.Reason));
        Assert.StartsWith("a field name escapes an unpaired surrogate (\\ud800 to \\udfff); expected only title, summary, destination", problem.Message, StringComparison.Ordinal);
    }

    private static ProposalReading Read(string json, ulong? nextId = null)
    {
        using var document = JsonDocument.Parse(json);
        return ProposalDocument.Read(document.RootElement, nextId);
    }

    private static string AddressOf(byte fill) => Address.FromPublicKey(Enumerable.Repeat(fill, 32).ToArray()).ToString();

    private static Address Parse(string text) =>
        Address.TryParse(text, out var address, out var error) ? address : throw new ArgumentException(error, nameof(text));

    private static string Describe(ProposalReading reading) =>
        string.Join("\n", reading.Problems.Select(p => $"{p.Field} {p.Reason}: {p.Message}"));
}
