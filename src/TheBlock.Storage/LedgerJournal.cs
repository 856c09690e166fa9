using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>
/// A block's ledger entries, in the order the block made them, stored as one row (<c>ledger_journal</c>) so a commit
/// appends them in a few sequential pages instead of one indexed row each. The journal is the record the settlement
/// audit reads; <c>ledger_entries</c> is an index of it by account.
/// Each entry: account (0 + 20-byte address | 1 + system name), delta (i64), kind (u8), reference
/// (0 none | 1 + 32-byte hash, for the lower-case hex of a transaction hash | 2 + UTF-8 text), sub-ledger (0 | 1 ct | 2 it).
/// </summary>
internal static class LedgerJournal
{
    private const byte UserAccount = 0;
    private const byte SystemAccount = 1;
    private const byte NoReference = 0;
    private const byte HashReference = 1;
    private const byte TextReference = 2;
    private const byte NoSubLedger = 0;
    private const byte CtSubLedger = 1;
    private const byte ItSubLedger = 2;
    private const int BytesPerTransferEntry = 64;

    public static byte[] Encode(IReadOnlyList<LedgerEntry> entries)
    {
        var writer = new CanonicalWriter(Math.Max(16, entries.Count * BytesPerTransferEntry));
        foreach (var entry in entries)
        {
            if (entry.Account.User is { } user)
            {
                writer.U8(UserAccount).Address(user);
            }
            else
            {
                writer.U8(SystemAccount).Utf8(entry.Account.System!);
            }

            writer.U64(unchecked((ulong)entry.Delta)).U8(entry.Kind.Code);
            if (entry.Reference is null)
            {
                writer.U8(NoReference);
            }
            else if (IsCanonicalHash(entry.Reference, out var hash))
            {
                writer.U8(HashReference).Hash(hash);
            }
            else
            {
                writer.U8(TextReference).Utf8(entry.Reference);
            }

            writer.U8(entry.SubLedger switch
            {
                null => NoSubLedger,
                SubLedger.Ct => CtSubLedger,
                _ => ItSubLedger,
            });
        }

        return writer.ToArray();
    }

    /// <summary>Decodes the journal of the block at <paramref name="height"/>; a malformed one is a <see cref="FormatException"/>.</summary>
    public static List<LedgerEntry> Decode(ReadOnlySpan<byte> journal, ulong height, ChainModules modules)
    {
        var reader = new CanonicalReader(journal);
        var entries = new List<LedgerEntry>();
        while (!reader.AtEnd)
        {
            var account = reader.U8("account tag") switch
            {
                UserAccount => LedgerAccount.Of(reader.Address("account")),
                SystemAccount => SystemAccountNamed(reader.Utf8("system account"), modules),
                var tag => throw new FormatException($"ledger journal of block {height} has account tag {tag}"),
            };
            var delta = unchecked((long)reader.U64("delta"));
            var code = reader.U8("kind");
            var kind = modules.LedgerKindOf(code) ?? throw new FormatException($"ledger journal of block {height} has entry kind {code}");

            var reference = reader.U8("reference tag") switch
            {
                NoReference => null,
                HashReference => reader.Hash("reference").ToString(),
                TextReference => reader.Utf8("reference"),
                var tag => throw new FormatException($"ledger journal of block {height} has reference tag {tag}"),
            };
            SubLedger? subLedger = reader.U8("sub-ledger") switch
            {
                NoSubLedger => null,
                CtSubLedger => SubLedger.Ct,
                ItSubLedger => SubLedger.It,
                var tag => throw new FormatException($"ledger journal of block {height} has sub-ledger tag {tag}"),
            };
            entries.Add(new LedgerEntry(height, account, delta, kind, reference, subLedger));
        }

        return entries;
    }

    /// <summary>Only the exact lower-case hex form round-trips through 32 bytes; anything else is kept as text.</summary>
    private static bool IsCanonicalHash(string reference, out Hash32 hash) =>
        Hash32.TryParse(reference, out hash) && string.Equals(hash.ToString(), reference, StringComparison.Ordinal);

    private static LedgerAccount SystemAccountNamed(string name, ChainModules modules) =>
        modules.IsSystemAccount(name) ? LedgerAccount.OfSystem(name) : throw new FormatException($"\"{name}\" is not a system account");
}
