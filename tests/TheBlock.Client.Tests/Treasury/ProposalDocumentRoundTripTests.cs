using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Client.Tests.Treasury;

/// <summary>
/// The file form written by <see cref="ProposalPayloadView"/> (what <c>gov.disburse.preview</c> answers as the normalized
/// proposal) and the form <see cref="ProposalDocument"/> reads are the same form.
/// </summary>
public sealed class ProposalDocumentRoundTripTests
{
    [Property(MaxTest = 200)]
    public Property Any_proposal_written_in_its_file_form_reads_back_as_itself() =>
        Prop.ForAll(Arb.From(Proposals()), proposal =>
        {
            var json = JsonSerializer.SerializeToElement(ProposalPayloadView.From(proposal), TreasuryJsonContext.Default.ProposalPayloadView);
            var reading = ProposalDocument.Read(json, nextId: null);
            return reading.Proposal is not null
                && reading.Proposal.Equals(proposal)
                && reading.Problems.All(problem => problem.Reason != TreasuryReasons.InvalidField);
        });

    [Fact]
    public void The_file_form_writes_every_field_in_snake_case_with_unset_windows_as_null()
    {
        var proposal = new DisbursementProposal("Grant", string.Empty, Address(1), 5, 0, string.Empty, 0, [], [], null, 4, null);

        var json = JsonSerializer.SerializeToElement(ProposalPayloadView.From(proposal), TreasuryJsonContext.Default.ProposalPayloadView);

        Assert.Equal(ProposalDocument.Fields, json.EnumerateObject().Select(property => property.Name));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("vote_window_epochs").ValueKind);
        Assert.Equal(4UL, json.GetProperty("timelock_epochs").GetUInt64());
        Assert.Equal(Address(1).ToString(), json.GetProperty("destination").GetString());
    }

    private static Gen<DisbursementProposal> Proposals() =>
        from title in Text()
        from summary in Text()
        from destination in Gen.Choose(0, 255).Select(fill => Address((byte)fill))
        from amountCt in ArbMap.Default.GeneratorFor<ulong>()
        from amountIt in ArbMap.Default.GeneratorFor<ulong>()
        from memo in Text()
        from scheduledEpoch in ArbMap.Default.GeneratorFor<ulong>()
        from receipts in Gen.ListOf(
            from fill in Gen.Choose(0, 255)
            from ct in ArbMap.Default.GeneratorFor<ulong>()
            from it in ArbMap.Default.GeneratorFor<ulong>()
            select new ExpectedReceipt(Address((byte)fill), ct, it))
        from deps in Gen.ListOf(ArbMap.Default.GeneratorFor<ulong>())
        from windows in ArbMap.Default.GeneratorFor<(ulong?, ulong?, ulong?)>()
        select new DisbursementProposal(
            title, summary, destination, amountCt, amountIt, memo, scheduledEpoch, [.. receipts], [.. deps], windows.Item1, windows.Item2, windows.Item3);

    // Any text JSON can carry: quotes, backslashes, control characters and non-ASCII included; lone surrogates are not text.
    private static Gen<string> Text() =>
        ArbMap.Default.GeneratorFor<string>().Select(text => text is null ? string.Empty : new string([.. text.Where(c => !char.IsSurrogate(c))]));

    private static Address Address(byte fill) => Protocol.Primitives.Address.FromPublicKey(Enumerable.Repeat(fill, 32).ToArray());
}
