using System.Globalization;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Protocol.Treasury.Audit;

/// <summary>
/// The settlement audit (spec/treasury.md): treasury conservation over an <see cref="AuditRange"/>, as a cross-check of
/// sources that do not derive from one another.
/// <list type="bullet">
/// <item>initial: the genesis treasury (escrow 0) for a range from epoch 0, else the journal's running sum of the
/// treasury and escrow entries below the range;</item>
/// <item>accruals: the chain parameters' treasury share per block (ct); the journal's it accruals; and whatever the
/// markets pay the treasury (the journal's entries of the modules' treasury income kinds: energy settlement fees and
/// slashed stakes);</item>
/// <item>executed, finalized, rolled back: the disbursement records, each checked against the journal's entries that
/// reference it (amounts per sub-ledger, heights, state); where they disagree the record gives the expected figure
/// and the disbursement is named;</item>
/// <item>final: the stored state when the range ends at the head (and the journal must agree with it too), else the
/// journal's running sum through the range's last block.</item>
/// </list>
/// Streaming: feed the journals in height order with <see cref="Add"/> (from block 0 when the range starts after
/// epoch 0, so the initial balances can be summed; from the first audited block otherwise), then <see cref="Finish"/>.
/// Memory holds one block and one small record per disbursement the range touches; time is linear in the blocks read.
/// </summary>
public sealed class SettlementAuditor
{
    private const int Ct = 0;
    private const int It = 1;
    private const string ReferencePrefix = "disbursement:";

    private readonly Genesis _genesis;
    private AuditRange _range;
    private readonly ulong _first;
    private readonly Int128[] _initialTreasury = new Int128[2];
    private readonly Int128[] _initialEscrow = new Int128[2];
    private readonly Int128[] _treasuryFlow = new Int128[2];
    private readonly Int128[] _escrowFlow = new Int128[2];
    private readonly Int128[] _journalAccruals = new Int128[2];
    private readonly Int128[] _marketIncome = new Int128[2];
    private readonly IReadOnlySet<LedgerEntryKind> _treasuryIncomeKinds;
    private readonly Dictionary<ulong, DisbursementMovements> _movements = [];
    private ulong _next;
    private long _entries;

    /// <param name="treasuryIncomeKinds">the chain's market kinds that pay the treasury (<see cref="Modules.ChainModules.TreasuryIncomeKinds"/>), counted as accruals.</param>
    public SettlementAuditor(Genesis genesis, AuditRange range, IReadOnlySet<LedgerEntryKind>? treasuryIncomeKinds = null)
    {
        _genesis = genesis;
        _treasuryIncomeKinds = treasuryIncomeKinds ?? new HashSet<LedgerEntryKind>();
        _range = range;
        _first = range.FirstAuditedHeight;
        if (range.FromEpoch == 0)
        {
            _initialTreasury[Ct] = genesis.Treasury.Ct;
            _initialTreasury[It] = genesis.Treasury.It;
            _next = 1;
        }
    }

    /// <summary>The height of the first journal <see cref="Add"/> expects: 1 for a range from epoch 0, else 0 (genesis).</summary>
    public ulong FirstJournalHeight => _range.FromEpoch == 0 ? 1UL : 0UL;

    /// <summary>
    /// Moves the end of the range to <paramref name="range"/>'s, which starts where this one does: a reader that reads
    /// the journals in short snapshots resolves the range against the head it saw first, and extends it to the head it
    /// sees last, so the stored state and the records it finishes with are of the same block as the journal's end.
    /// </summary>
    public void Extend(AuditRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (range.FromEpoch != _range.FromEpoch || range.FromHeight != _range.FromHeight || range.ToHeight < _range.ToHeight)
        {
            throw new ArgumentException(
                $"the settlement audit of heights {_range.FromHeight}..{_range.ToHeight} cannot become one of heights {range.FromHeight}..{range.ToHeight}",
                nameof(range));
        }

        _range = range;
    }

    /// <summary>Ledger entries read so far, in the range and below it.</summary>
    public long EntriesRead => _entries;

    /// <summary>Audits a whole range in one call: <paramref name="journals"/> from <see cref="FirstJournalHeight"/> through the range's last block.</summary>
    public static SettlementAuditResult Audit(
        Genesis genesis,
        AuditRange range,
        IEnumerable<BlockJournal> journals,
        IDisbursementRecords records,
        StoredBalances? stored)
    {
        var auditor = new SettlementAuditor(genesis, range);
        foreach (var journal in journals)
        {
            auditor.Add(journal);
        }

        return auditor.Finish(records, stored);
    }

    /// <summary>Reads the next block's journal; blocks must come one by one in height order, none missing.</summary>
    public void Add(BlockJournal journal)
    {
        if (journal.Height != _next || journal.Height > _range.ToHeight)
        {
            throw new InvariantViolationException(journal.Height > _range.ToHeight
                ? $"the settlement audit of heights {_range.FromHeight}..{_range.ToHeight} was given the journal of block {journal.Height}"
                : $"the ledger journal has no block {_next}: the next journal is block {journal.Height}");
        }

        _next++;
        var entries = journal.Entries;
        _entries += entries.Count;
        if (journal.Height < _first)
        {
            SumBelowRange(entries);
            return;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var system = entry.Account.System;
            if (system is null)
            {
                if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementReceived && Movements(entry.Reference) is { } received)
                {
                    received.Received += entry.Delta;
                    received.ReceivedAt(journal.Height, entry.Account.User!.Value);
                }

                continue;
            }

            var sub = entry.SubLedger == SubLedger.It ? It : Ct;
            if (string.Equals(system, SystemAccounts.Treasury, StringComparison.Ordinal))
            {
                _treasuryFlow[sub] += entry.Delta;
                TreasuryEntry(entry, sub, journal.Height);
            }
            else if (string.Equals(system, TreasuryModule.EscrowAccount, StringComparison.Ordinal))
            {
                _escrowFlow[sub] += entry.Delta;
                EscrowEntry(entry, sub, journal.Height);
            }
        }
    }

    /// <summary>
    /// Checks every disbursement the range touched against its record and settles the equations.
    /// <paramref name="stored"/> is the stored state, required when the range ends at the head (ignored otherwise).
    /// </summary>
    public SettlementAuditResult Finish(IDisbursementRecords records, StoredBalances? stored)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (_next != _range.ToHeight + 1)
        {
            throw new InvariantViolationException($"the ledger journal ends at block {_next - 1}; the settlement audit needs it through block {_range.ToHeight}");
        }

        if (_range.EndsAtHead && stored is null)
        {
            throw new ArgumentException("a range ending at the head is audited against the stored state: pass it", nameof(stored));
        }

        foreach (var record in records.ExecutedBetween(_first, _range.ToHeight))
        {
            MovementsOf(record.Id).UseRecord(record);
        }

        var expected = new ExpectedFlows();
        foreach (var (id, movements) in _movements.OrderBy(pair => pair.Key))
        {
            if (!movements.RecordLoaded)
            {
                movements.UseRecord(records.Get(id));
            }

            Check(id, movements, expected);
        }

        var accruals = new Int128[]
        {
            ((Int128)BlockRewards.TreasuryShare(_genesis.Parameters) * _range.BlockCount) + _marketIncome[Ct],
            _journalAccruals[It] + _marketIncome[It],
        };
        var ct = SubLedgerTerms(Ct, accruals[Ct], expected);
        var it = SubLedgerTerms(It, accruals[It], expected);
        var escrowInitial = _initialEscrow[Ct] + _initialEscrow[It];
        var escrowExpected = escrowInitial + Sum(expected.Executed) - Sum(expected.Finalized) - Sum(expected.RolledBack);
        var escrowJournal = escrowInitial + _escrowFlow[Ct] + _escrowFlow[It];
        var escrowFinal = _range.EndsAtHead ? (Int128)stored!.Value.Escrow.Total : escrowJournal;
        var escrow = new EscrowTerms(
            Amount(escrowInitial),
            Amount(Sum(expected.Executed)),
            Amount(Sum(expected.Finalized)),
            Amount(Sum(expected.RolledBack)),
            Amount(escrowExpected),
            Amount(escrowFinal));

        var discrepancies = new List<BalanceDiscrepancy>();
        for (var sub = Ct; sub <= It; sub++)
        {
            var (expectedFinal, final, journalFinal) = sub == Ct ? ct.Balances : it.Balances;
            if (Discrepancy(SystemAccounts.Treasury, sub == Ct ? SubLedger.Ct : SubLedger.It, expectedFinal, final, journalFinal, expected.DisagreeTreasury[sub], expected.MovedTreasury[sub]) is { } found)
            {
                discrepancies.Add(found);
            }
        }

        if (Discrepancy(TreasuryModule.EscrowAccount, null, escrowExpected, escrowFinal, escrowJournal, expected.DisagreeEscrow, expected.MovedEscrow) is { } escrowFound)
        {
            discrepancies.Add(escrowFound);
        }

        return new SettlementAuditResult(_range, ct.Terms, it.Terms, escrow, discrepancies.Count == 0, discrepancies);

        (SubLedgerTerms Terms, (Int128 Expected, Int128 Final, Int128 Journal) Balances) SubLedgerTerms(int sub, Int128 accrued, ExpectedFlows flows)
        {
            var expectedFinal = _initialTreasury[sub] + accrued - flows.Executed[sub] + flows.RolledBack[sub];
            var journalFinal = _initialTreasury[sub] + _treasuryFlow[sub];
            var storedTreasury = stored?.Treasury ?? default;
            var final = _range.EndsAtHead ? (Int128)(sub == Ct ? storedTreasury.Ct : storedTreasury.It) : journalFinal;
            var terms = new SubLedgerTerms(
                Amount(_initialTreasury[sub]),
                Amount(accrued),
                Amount(flows.Executed[sub]),
                Amount(flows.RolledBack[sub]),
                Amount(expectedFinal),
                Amount(final));
            return (terms, (expectedFinal, final, journalFinal));
        }
    }

    /// <summary>
    /// A balance's discrepancy, or null when it adds up and no disbursement behind it disagrees with its record. The
    /// actual figure is the final balance, or, when that one agrees, the journal's (a journal out of step with the state).
    /// </summary>
    private static BalanceDiscrepancy? Discrepancy(string account, SubLedger? subLedger, Int128 expected, Int128 final, Int128 journal, SortedSet<ulong> disagreeing, SortedSet<ulong> moved)
    {
        var actual = final != expected ? final : journal;
        if (actual == expected && disagreeing.Count == 0)
        {
            return null;
        }

        var difference = actual - expected;
        var percent = expected <= 0 ? 0 : (double)Int128.Abs(difference) / (double)expected * 100;
        return new BalanceDiscrepancy(
            account,
            subLedger,
            Amount(expected),
            Amount(actual),
            (long)Int128.Clamp(difference, long.MinValue, long.MaxValue),
            percent,
            [.. disagreeing.Count > 0 ? disagreeing : moved]);
    }

    /// <summary>Compares what the journal says a disbursement did in the range with its record; adds the record's figures to the expected flows.</summary>
    private void Check(ulong id, DisbursementMovements movements, ExpectedFlows expected)
    {
        var record = movements.Record;
        Span<ulong> amount = [record?.Proposal.AmountCt ?? 0, record?.Proposal.AmountIt ?? 0];
        var executedAt = record?.ExecutedHeight;
        var executedInRange = executedAt is { } height && height >= _first && height <= _range.ToHeight;
        var treasuryDisagrees = new bool[2];
        var escrowDisagrees = movements.HeightsConflict;

        if (executedInRange)
        {
            for (var sub = Ct; sub <= It; sub++)
            {
                expected.Executed[sub] += amount[sub];
                treasuryDisagrees[sub] |= movements.Paid[sub] != amount[sub] || (movements.PaidAt is { } paidAt && paidAt != executedAt && amount[sub] > 0);
                escrowDisagrees |= movements.Escrowed[sub] != amount[sub];
            }

            escrowDisagrees |= movements.PaidAt is { } at && at != executedAt;
            MovedBy(id, expected, amount);
        }
        else if (movements.HasPayment)
        {
            treasuryDisagrees[Ct] |= movements.Paid[Ct] != 0;
            treasuryDisagrees[It] |= movements.Paid[It] != 0;
            escrowDisagrees = true;
        }

        var finalized = record is { State: DisbursementState.Finalized, ExecutedHeight: { } paid }
            && (movements.ReleasedAt is { } releasedAt ? releasedAt > paid : _range.EndsAtHead && executedInRange);
        if (finalized)
        {
            for (var sub = Ct; sub <= It; sub++)
            {
                expected.Finalized[sub] += amount[sub];
                escrowDisagrees |= movements.Released[sub] != amount[sub];
            }

            escrowDisagrees |= movements.Received != (Int128)amount[Ct] + amount[It]
                || movements.ReceivedByMany
                || (movements.ReceivedBy is { } destination && destination != record!.Proposal.Destination);
            MovedBy(id, expected, amount, treasury: false);
        }
        else if (movements.HasRelease)
        {
            escrowDisagrees = true;
        }

        var rolledBack = record is { State: DisbursementState.RolledBack, ExecutedHeight: { } refunded }
            && (movements.RefundedAt is { } refundedAt ? refundedAt >= refunded : _range.EndsAtHead && executedInRange);
        if (rolledBack)
        {
            for (var sub = Ct; sub <= It; sub++)
            {
                expected.RolledBack[sub] += amount[sub];
                escrowDisagrees |= movements.RefundedFromEscrow[sub] != amount[sub];
                treasuryDisagrees[sub] |= movements.RefundedToTreasury[sub] != amount[sub];
            }

            MovedBy(id, expected, amount);
        }
        else if (movements.HasRefund)
        {
            treasuryDisagrees[Ct] |= movements.RefundedToTreasury[Ct] != 0;
            treasuryDisagrees[It] |= movements.RefundedToTreasury[It] != 0;
            escrowDisagrees = true;
        }

        for (var sub = Ct; sub <= It; sub++)
        {
            if (movements.MovedTreasury[sub])
            {
                expected.MovedTreasury[sub].Add(id);
            }

            if (treasuryDisagrees[sub] || (movements.HeightsConflict && movements.MovedTreasury[sub]))
            {
                expected.DisagreeTreasury[sub].Add(id);
            }
        }

        if (movements.MovedEscrow)
        {
            expected.MovedEscrow.Add(id);
        }

        if (escrowDisagrees)
        {
            expected.DisagreeEscrow.Add(id);
        }
    }

    private static void MovedBy(ulong id, ExpectedFlows expected, ReadOnlySpan<ulong> amount, bool treasury = true)
    {
        for (var sub = Ct; sub <= It; sub++)
        {
            if (amount[sub] > 0 && treasury)
            {
                expected.MovedTreasury[sub].Add(id);
            }
        }

        expected.MovedEscrow.Add(id);
    }

    private void TreasuryEntry(in LedgerEntry entry, int sub, ulong height)
    {
        if (entry.Kind == LedgerEntryKind.TreasuryAccrual)
        {
            _journalAccruals[sub] += entry.Delta;
        }
        else if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementPayout && Movements(entry.Reference) is { } paid)
        {
            paid.Paid[sub] -= entry.Delta;
            paid.MovedTreasury[sub] = true;
            paid.PaymentAt(height);
        }
        else if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementRefund && Movements(entry.Reference) is { } refunded)
        {
            refunded.RefundedToTreasury[sub] += entry.Delta;
            refunded.MovedTreasury[sub] = true;
            refunded.RefundAt(height);
        }
        else if (_treasuryIncomeKinds.Contains(entry.Kind))
        {
            _marketIncome[sub] += entry.Delta;
        }
    }

    private void EscrowEntry(in LedgerEntry entry, int sub, ulong height)
    {
        if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementEscrow && Movements(entry.Reference) is { } escrowed)
        {
            escrowed.Escrowed[sub] += entry.Delta;
            escrowed.MovedEscrow = true;
            escrowed.PaymentAt(height);
        }
        else if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementRelease && Movements(entry.Reference) is { } released)
        {
            released.Released[sub] -= entry.Delta;
            released.MovedEscrow = true;
            released.ReleaseAt(height);
        }
        else if (entry.Kind == TreasuryLedgerEntryKinds.DisbursementRefund && Movements(entry.Reference) is { } refunded)
        {
            refunded.RefundedFromEscrow[sub] -= entry.Delta;
            refunded.MovedEscrow = true;
            refunded.RefundAt(height);
        }
    }

    private void SumBelowRange(IReadOnlyList<LedgerEntry> entries)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Account.System is not { } system)
            {
                continue;
            }

            var sub = entry.SubLedger == SubLedger.It ? It : Ct;
            if (string.Equals(system, SystemAccounts.Treasury, StringComparison.Ordinal))
            {
                _initialTreasury[sub] += entry.Delta;
            }
            else if (string.Equals(system, TreasuryModule.EscrowAccount, StringComparison.Ordinal))
            {
                _initialEscrow[sub] += entry.Delta;
            }
        }
    }

    /// <summary>The movements of the disbursement a reference names, or null when it names none (such an entry still counts in the balances).</summary>
    private DisbursementMovements? Movements(string? reference)
    {
        if (reference is null || !reference.StartsWith(ReferencePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var digits = reference.AsSpan(ReferencePrefix.Length);
        return digits.Length > 0 && (digits[0] != '0' || digits.Length == 1)
            && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? MovementsOf(id)
            : null;
    }

    private DisbursementMovements MovementsOf(ulong id)
    {
        if (!_movements.TryGetValue(id, out var movements))
        {
            movements = new DisbursementMovements();
            _movements.Add(id, movements);
        }

        return movements;
    }

    private static Int128 Sum(Int128[] perSubLedger) => perSubLedger[Ct] + perSubLedger[It];

    /// <summary>An amount for the result: balances a tampered journal drives below zero or past 2^64 are clipped (the discrepancy is still reported).</summary>
    private static ulong Amount(Int128 value) => (ulong)Int128.Clamp(value, 0, ulong.MaxValue);

    /// <summary>The record-backed flows of the range, and which disbursements are behind each balance.</summary>
    private sealed class ExpectedFlows
    {
        public Int128[] Executed { get; } = new Int128[2];

        public Int128[] Finalized { get; } = new Int128[2];

        public Int128[] RolledBack { get; } = new Int128[2];

        public SortedSet<ulong>[] DisagreeTreasury { get; } = [[], []];

        public SortedSet<ulong>[] MovedTreasury { get; } = [[], []];

        public SortedSet<ulong> DisagreeEscrow { get; } = [];

        public SortedSet<ulong> MovedEscrow { get; } = [];
    }
}
