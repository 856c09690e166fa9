using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage.Tests;

public class LedgerJournalTests
{
    private static readonly Hash32 TransactionHash = Hash32.Sha256("a transaction"u8);

    [Fact]
    public void Every_kind_of_entry_round_trips_in_order()
    {
        LedgerEntry[] entries =
        [
            new(7, LedgerAccount.Of(TestKeys.Stranger(1)), -300, LedgerEntryKind.TransferOut, TransactionHash.ToString()),
            new(7, LedgerAccount.Of(TestKeys.Stranger(2)), 300, LedgerEntryKind.TransferIn, TransactionHash.ToString()),
            new(7, LedgerAccount.OfSystem(SystemAccounts.Treasury), 20, LedgerEntryKind.TreasuryAccrual, null, SubLedger.Ct),
            new(7, LedgerAccount.OfSystem(SystemAccounts.Treasury), long.MinValue, LedgerEntryKind.Genesis, "disbursement 12", SubLedger.It),
            new(7, LedgerAccount.Of(TestKeys.Stranger(3)), long.MaxValue, LedgerEntryKind.BlockReward, TransactionHash.ToString().ToUpperInvariant()),
        ];

        Assert.Equal(entries, LedgerJournal.Decode(LedgerJournal.Encode(entries), 7, StandardChain.Modules));
        Assert.Empty(LedgerJournal.Decode(LedgerJournal.Encode([]), 7, StandardChain.Modules));
    }

    [Fact]
    public void A_transaction_reference_is_stored_as_32_bytes()
    {
        LedgerEntry entry = new(1, LedgerAccount.Of(TestKeys.Stranger(1)), 5, LedgerEntryKind.TransferIn, TransactionHash.ToString());

        Assert.Equal(1 + Address.Size + 8 + 1 + 1 + Hash32.Size + 1, LedgerJournal.Encode([entry]).Length);
    }

    [Theory]
    [InlineData(new byte[] { 9 }, "account tag 9")]
    [InlineData(new byte[] { 0, 1, 2 }, "account")]
    public void A_malformed_journal_is_a_format_error(byte[] journal, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LedgerJournal.Decode(journal, 3, StandardChain.Modules));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_entry_kind_or_system_account_is_a_format_error()
    {
        var good = LedgerJournal.Encode([new(1, LedgerAccount.Of(TestKeys.Stranger(1)), 5, LedgerEntryKind.TransferIn, null)]);
        var badKind = (byte[])good.Clone();
        badKind[1 + Address.Size + 8] = 200;
        var unknownSystem = new byte[] { 1, 3, 0, (byte)'b', (byte)'o', (byte)'b' };

        Assert.Contains("entry kind 200", Assert.Throws<FormatException>(() => LedgerJournal.Decode(badKind, 1, StandardChain.Modules)).Message, StringComparison.Ordinal);
        Assert.Contains("\"bob\" is not a system account", Assert.Throws<FormatException>(() => LedgerJournal.Decode(unknownSystem, 1, StandardChain.Modules)).Message, StringComparison.Ordinal);
    }
}
