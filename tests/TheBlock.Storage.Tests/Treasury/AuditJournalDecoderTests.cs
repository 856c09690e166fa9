using FsCheck;
using FsCheck.Xunit;
using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage.Tests.Treasury;

/// <summary>The settlement audit's journal decoder keeps exactly the entries it needs, as <see cref="LedgerJournal"/> decodes them.</summary>
public class AuditJournalDecoderTests
{
    private static readonly LedgerEntryKind[] Kinds = [.. StandardChain.Modules.LedgerEntryKinds];

    [Property(MaxTest = 200)]
    public void It_keeps_the_system_entries_and_disbursement_credits_exactly_as_the_journal_codec_decodes_them(byte[] shape)
    {
        var entries = (shape ?? []).Select((b, i) => Entry(b, i)).ToList();
        var journal = LedgerJournal.Encode(entries);
        var kept = new List<LedgerEntry>();

        var count = AuditJournalDecoder.Decode(journal, 9, StandardChain.Modules, kept);

        Assert.Equal(entries.Count, count);
        Assert.Equal(
            LedgerJournal.Decode(journal, 9, StandardChain.Modules).Where(e => e.Account.System is not null || e.Kind == TreasuryLedgerEntryKinds.DisbursementReceived),
            kept);
    }

    [Theory]
    [InlineData(new byte[] { 9 }, "account tag 9")]
    [InlineData(new byte[] { 1, 3, 0, (byte)'f', (byte)'o', (byte)'o' }, "\"foo\" is not a system account")]
    [InlineData(new byte[] { 0, 1, 2 }, "account")]
    public void A_malformed_journal_is_a_format_error(byte[] journal, string expected)
    {
        var error = Assert.Throws<FormatException>(() => AuditJournalDecoder.Decode(journal, 3, StandardChain.Modules, []));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static LedgerEntry Entry(byte shape, int index)
    {
        var kind = Kinds[shape % Kinds.Length];
        var reference = (shape / Kinds.Length % 4) switch
        {
            0 => null,
            1 => Hash32.Sha256([shape, (byte)index]).ToString(),
            2 => $"disbursement:{index}",
            _ => "free text",
        };
        var account = (((shape / 7) + index) % 3) switch
        {
            0 => LedgerAccount.Of(TestKeys.Stranger(index)),
            1 => LedgerAccount.OfSystem(SystemAccounts.Treasury),
            _ => LedgerAccount.OfSystem(TreasuryModule.EscrowAccount),
        };
        SubLedger? subLedger = account.System is null ? null : (shape & 1) == 0 ? SubLedger.Ct : SubLedger.It;
        return new LedgerEntry(9, account, (shape - 128L) * 1_000_003, kind, reference, subLedger);
    }
}
