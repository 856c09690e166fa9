using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage;

/// <summary>
/// Decodes a block's <see cref="LedgerJournal"/> blob for the settlement audit: every entry is read and its tags
/// checked, but only the entries the audit uses become <see cref="LedgerEntry"/> values — those of the treasury and its
/// escrow and the destination credits of disbursements (other modules' system accounts are skipped). Transfers and fees, nearly all of a
/// busy block, are skipped without allocating (no address, no hex string of their transaction hash), which keeps the
/// audit above a million entries per second (docs/BENCHMARKS.md, "Settlement audit"). The layout is
/// <see cref="LedgerJournal"/>'s; a test checks that both decoders agree on the entries this one keeps.
/// </summary>
internal static class AuditJournalDecoder
{
    private const byte UserAccount = 0;
    private const byte SystemAccount = 1;
    private const byte NoReference = 0;
    private const byte HashReference = 1;
    private const byte TextReference = 2;
    private const byte MaxSubLedgerTag = 2;
    private static readonly LedgerAccount Treasury = LedgerAccount.OfSystem(SystemAccounts.Treasury);
    private static readonly LedgerAccount TreasuryEscrow = LedgerAccount.OfSystem(TreasuryModule.EscrowAccount);

    /// <summary>Appends the audited entries of the block at <paramref name="height"/> to <paramref name="into"/>; returns how many entries the block has in all.</summary>
    public static int Decode(ReadOnlySpan<byte> journal, ulong height, ChainModules modules, List<LedgerEntry> into)
    {
        var reader = new CanonicalReader(journal);
        var count = 0;
        while (!reader.AtEnd)
        {
            count++;
            var tag = reader.U8("account tag");
            LedgerAccount? account = null;
            ReadOnlySpan<byte> user = default;
            var otherModule = false;
            if (tag == UserAccount)
            {
                user = reader.Fixed(Protocol.Primitives.Address.Size, "account");
            }
            else if (tag == SystemAccount)
            {
                account = SystemAccountNamed(reader.Variable("system account"), modules);
                otherModule = account is null;
            }
            else
            {
                throw new FormatException($"ledger journal of block {height} has account tag {tag}");
            }

            var delta = unchecked((long)reader.U64("delta"));
            var code = reader.U8("kind");
            var kind = modules.LedgerKindOf(code) ?? throw new FormatException($"ledger journal of block {height} has entry kind {code}");

            // Another module's system accounts (the energy market's stakes and escrows) are not the treasury's to audit.
            var keep = account is not null || (!otherModule && kind == TreasuryLedgerEntryKinds.DisbursementReceived);
            string? reference = null;
            switch (reader.U8("reference tag"))
            {
                case NoReference:
                    break;
                case HashReference:
                    var hash = reader.Fixed(Protocol.Primitives.Hash32.Size, "reference");
                    reference = keep ? Convert.ToHexStringLower(hash) : null;
                    break;
                case TextReference:
                    var text = reader.Variable("reference");
                    reference = keep ? Utf8(text) : null;
                    break;
                case var referenceTag:
                    throw new FormatException($"ledger journal of block {height} has reference tag {referenceTag}");
            }

            var subLedgerTag = reader.U8("sub-ledger");
            if (subLedgerTag > MaxSubLedgerTag)
            {
                throw new FormatException($"ledger journal of block {height} has sub-ledger tag {subLedgerTag}");
            }

            if (keep)
            {
                into.Add(new LedgerEntry(
                    height,
                    account ?? LedgerAccount.Of(new Protocol.Primitives.Address(user)),
                    delta,
                    kind,
                    reference,
                    subLedgerTag == 0 ? null : (SubLedger)subLedgerTag));
            }
        }

        return count;
    }

    /// <summary>The treasury or its escrow; null for another module's system account, which the audit skips.</summary>
    private static LedgerAccount? SystemAccountNamed(ReadOnlySpan<byte> name, ChainModules modules) =>
        name.SequenceEqual("treasury"u8) ? Treasury
        : name.SequenceEqual("treasury_escrow"u8) ? TreasuryEscrow
        : modules.IsSystemAccount(Utf8(name)) ? null
        : throw new FormatException($"\"{Utf8(name)}\" is not a system account");

    private static string Utf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new FormatException("a ledger journal reference is not valid UTF-8");
        }
    }
}
