using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;
using TheBlock.Protocol.Treasury.Audit;

namespace TheBlock.Protocol.Tests.Treasury.Audit;

/// <summary>
/// The settlement auditor on hand-written journals and records: epoch length 2, a treasury share of 20 CT per block,
/// a genesis treasury of 1,000 CT (ct) and 500 CT (it).
/// </summary>
public class SettlementAuditorTests
{
    private const ulong EpochLength = 2;
    private const ulong Share = 20;
    private static readonly Address Destination = new(new byte[Address.Size]);
    private static readonly Genesis Genesis = new(
        "audit-unit",
        0,
        new ChainParameters(BlockReward: 100, TreasuryPercent: 20, EpochLength, BlockIntervalMs: 1_000, MaxBlockTransactions: 10),
        [],
        new TreasuryBalances(1_000, 500),
        [new byte[32]],
        GovernanceParameters.WithDefaults([new CouncilMember(Destination, 1)], [Destination]),
        TheBlock.Protocol.Modules.ModuleParameters.None);

    [Fact]
    public void Every_equation_holds_when_journal_records_and_state_agree()
    {
        // Block 1 pays 1 (100 ct, 10 it) and 2 (50 ct); block 2 releases 1; block 3 rolls 2 back; head is block 3.
        var records = Records(
            Record(1, 100, 10, DisbursementState.Finalized, executedAt: 1),
            Record(2, 50, 0, DisbursementState.RolledBack, executedAt: 1));
        var journals = Chain(
            [Accrual(), .. Payout(1, 100, 10), .. Payout(2, 50, 0)],
            [Accrual(), .. Release(1, 100, 10)],
            [Accrual(), .. Refund(2, 50, 0)]);

        var audit = Audit(0, 1, headHeight: 3, journals, records, Stored(ct: 1_000 + 3 * Share - 100, it: 490, escrow: 0));

        Assert.True(audit.Conserved, string.Join("; ", audit.Discrepancies));
        Assert.Equal(new SubLedgerTerms(1_000, 3 * Share, 150, 50, 1_000 + 60 - 150 + 50, 960), audit.Ct);
        Assert.Equal(new SubLedgerTerms(500, 0, 10, 0, 490, 490), audit.It);
        Assert.Equal(new EscrowTerms(0, 160, 110, 50, 0, 0), audit.Escrow);
        Assert.Equal(new AuditRange(0, 1, 0, 3, 3), audit.Range);
    }

    [Fact]
    public void Accruals_are_the_parameters_share_per_block_so_a_missing_accrual_entry_is_a_discrepancy()
    {
        var journals = Chain([Accrual()], [], [Accrual()]);

        var audit = Audit(0, 1, headHeight: 5, journals, Records());

        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal(3 * Share, audit.Ct.Accruals);
        Assert.Equal((SystemAccounts.Treasury, SubLedger.Ct), (discrepancy.Account, discrepancy.SubLedger));
        Assert.Equal((1_060UL, 1_040UL, -20L), (discrepancy.Expected, discrepancy.Actual, discrepancy.Difference));
        Assert.Equal(20.0 / 1_060 * 100, discrepancy.Percent, 9);
        Assert.Empty(discrepancy.DisbursementIds);
    }

    [Fact]
    public void It_accruals_are_the_journals_market_fees()
    {
        var journals = Chain([Accrual(), Entry(SystemAccounts.Treasury, 7, LedgerEntryKind.TreasuryAccrual, null, SubLedger.It)]);

        var audit = Audit(0, 0, headHeight: 1, journals, Records(), Stored(ct: 1_020, it: 507, escrow: 0));

        Assert.True(audit.Conserved);
        Assert.Equal((20UL, 7UL), (audit.Ct.Accruals, audit.It.Accruals));
    }

    [Fact]
    public void A_payout_entry_that_disagrees_with_its_record_is_audited_at_the_record_amount_and_named()
    {
        var records = Records(Record(4, 100, 0, DisbursementState.Executed, executedAt: 1), Record(5, 30, 0, DisbursementState.Executed, executedAt: 1));
        var journals = Chain([Accrual(), .. Payout(4, 90, 0, escrowed: 100), .. Payout(5, 30, 0)]);

        var audit = Audit(0, 0, headHeight: 1, journals, records, Stored(ct: 1_020 - 130, it: 500, escrow: 130));

        Assert.False(audit.Conserved);
        Assert.Equal(130UL, audit.Ct.Executed);
        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal((SystemAccounts.Treasury, SubLedger.Ct), (discrepancy.Account, discrepancy.SubLedger));
        Assert.Equal((890UL, 900UL, 10L), (discrepancy.Expected, discrepancy.Actual, discrepancy.Difference));
        Assert.Equal([4UL], discrepancy.DisbursementIds);
    }

    [Fact]
    public void A_payout_the_journal_lost_is_found_from_the_record()
    {
        var records = Records(Record(6, 100, 0, DisbursementState.Executed, executedAt: 1));
        var journals = Chain([Accrual()]);

        var audit = Audit(0, 0, headHeight: 1, journals, records, Stored(ct: 920, it: 500, escrow: 100));

        Assert.Equal(100UL, audit.Ct.Executed);
        Assert.Equal(2, audit.Discrepancies.Count);
        Assert.All(audit.Discrepancies, d => Assert.Equal([6UL], d.DisbursementIds));
        Assert.Equal((920UL, 1_020UL), (audit.Discrepancies[0].Expected, audit.Discrepancies[0].Actual));
        Assert.Equal((TreasuryModule.EscrowAccount, (SubLedger?)null, 100UL, 0UL), (audit.Discrepancies[1].Account, audit.Discrepancies[1].SubLedger, audit.Discrepancies[1].Expected, audit.Discrepancies[1].Actual));
    }

    [Fact]
    public void A_payout_at_another_height_than_its_record_says_is_named()
    {
        var records = Records(Record(3, 40, 0, DisbursementState.Executed, executedAt: 1));
        var journals = Chain([Accrual()], [Accrual(), .. Payout(3, 40, 0)]);

        var audit = Audit(0, 1, headHeight: 2, journals, records, Stored(ct: 1_000, it: 500, escrow: 40));

        Assert.False(audit.Conserved);
        Assert.All(audit.Discrepancies, d => Assert.Equal([3UL], d.DisbursementIds));
        Assert.All(audit.Discrepancies, d => Assert.Equal(0L, d.Difference));
    }

    [Fact]
    public void A_release_of_a_disbursement_that_is_not_finalized_is_named()
    {
        var records = Records(Record(7, 60, 0, DisbursementState.Executed, executedAt: 1));
        var journals = Chain([Accrual(), .. Payout(7, 60, 0)], [Accrual(), .. Release(7, 60, 0)]);

        var audit = Audit(0, 1, headHeight: 2, journals, records, Stored(ct: 980, it: 500, escrow: 0));

        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal(TreasuryModule.EscrowAccount, discrepancy.Account);
        Assert.Equal((60UL, 0UL, -60L, 100.0), (discrepancy.Expected, discrepancy.Actual, discrepancy.Difference, discrepancy.Percent));
        Assert.Equal([7UL], discrepancy.DisbursementIds);
        Assert.Equal(0UL, audit.Escrow.Finalized);
    }

    [Fact]
    public void A_release_credited_to_someone_other_than_the_destination_is_named()
    {
        var stranger = new Address(Enumerable.Repeat((byte)9, Address.Size).ToArray());
        var records = Records(Record(8, 60, 0, DisbursementState.Finalized, executedAt: 1));
        var journals = Chain([Accrual(), .. Payout(8, 60, 0)], [Accrual(), .. Release(8, 60, 0, stranger)]);

        var audit = Audit(0, 1, headHeight: 2, journals, records, Stored(ct: 980, it: 500, escrow: 0));

        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal((TreasuryModule.EscrowAccount, 0L), (discrepancy.Account, discrepancy.Difference));
        Assert.Equal([8UL], discrepancy.DisbursementIds);
    }

    [Fact]
    public void A_refund_of_a_disbursement_that_was_never_paid_is_named_and_not_counted()
    {
        var records = Records(Record(9, 25, 0, DisbursementState.RolledBack, executedAt: null));
        var journals = Chain([Accrual(), .. Refund(9, 25, 0)]);

        var audit = Audit(0, 0, headHeight: 1, journals, records, Stored(ct: 1_045, it: 500, escrow: 0));

        Assert.Equal(0UL, audit.Ct.RolledBackFromEscrow);
        Assert.Equal(2, audit.Discrepancies.Count);
        Assert.All(audit.Discrepancies, d => Assert.Equal([9UL], d.DisbursementIds));
        Assert.Equal((1_020UL, 1_045UL, 25L), (audit.Discrepancies[0].Expected, audit.Discrepancies[0].Actual, audit.Discrepancies[0].Difference));
    }

    [Fact]
    public void A_stored_balance_that_disagrees_is_attributed_to_the_disbursements_that_moved_it()
    {
        var records = Records(Record(1, 10, 0, DisbursementState.Executed, executedAt: 1), Record(2, 5, 5, DisbursementState.Executed, executedAt: 1));
        var journals = Chain([Accrual(), .. Payout(1, 10, 0), .. Payout(2, 5, 5)]);

        var audit = Audit(0, 0, headHeight: 1, journals, records, Stored(ct: 1_005 + 1_000, it: 495, escrow: 20));

        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal((1_005UL, 2_005UL, 1_000L), (discrepancy.Expected, discrepancy.Actual, discrepancy.Difference));
        Assert.Equal(1_000.0 / 1_005 * 100, discrepancy.Percent, 9);
        Assert.Equal([1UL, 2UL], discrepancy.DisbursementIds);
    }

    [Fact]
    public void After_epoch_0_the_initial_balances_are_the_journal_below_the_range()
    {
        // Epoch 1 is blocks 2 and 3. Below it: genesis entries and block 1 paying 1 (which finalizes in block 2).
        var records = Records(Record(1, 100, 20, DisbursementState.Finalized, executedAt: 1));
        var journals = new List<BlockJournal>
        {
            new(0, [Entry(SystemAccounts.Treasury, 1_000, LedgerEntryKind.Genesis, null, SubLedger.Ct), Entry(SystemAccounts.Treasury, 500, LedgerEntryKind.Genesis, null, SubLedger.It)]),
            new(1, [Accrual(), .. Payout(1, 100, 20)]),
            new(2, [Accrual(), .. Release(1, 100, 20)]),
            new(3, [Accrual()]),
        };

        var audit = Audit(1, 1, headHeight: 5, journals, records);

        Assert.True(audit.Conserved, string.Join("; ", audit.Discrepancies));
        Assert.Equal(new AuditRange(1, 1, 2, 3, 5), audit.Range);
        Assert.Equal((920UL, 480UL, 120UL), (audit.Ct.Initial, audit.It.Initial, audit.Escrow.Initial));
        Assert.Equal(new EscrowTerms(120, 0, 120, 0, 0, 0), audit.Escrow);
        Assert.Equal((960UL, 480UL), (audit.Ct.Final, audit.It.Final));
    }

    [Fact]
    public void A_range_that_ends_before_the_head_takes_its_final_balances_from_the_journal()
    {
        var journals = Chain([Accrual()], [Accrual(), Entry(SystemAccounts.Treasury, 3, LedgerEntryKind.Fee, null, SubLedger.Ct)], [Accrual()]);

        var audit = Audit(0, 1, headHeight: 9, journals, Records());

        var discrepancy = Assert.Single(audit.Discrepancies);
        Assert.Equal((1_060UL, 1_063UL, 1_063UL), (discrepancy.Expected, discrepancy.Actual, audit.Ct.Final));
    }

    [Fact]
    public void A_block_missing_from_the_journal_is_an_invariant_violation()
    {
        var auditor = new SettlementAuditor(Genesis, new AuditRange(0, 1, 0, 3, 3));
        auditor.Add(new BlockJournal(1, [Accrual()]));

        var error = Assert.Throws<InvariantViolationException>(() => auditor.Add(new BlockJournal(3, [Accrual()])));
        Assert.Equal("the ledger journal has no block 2: the next journal is block 3", error.Message);
    }

    [Theory]
    [InlineData(null, null, 0UL, 4UL, 0UL, 9UL)]
    [InlineData(2UL, 3UL, 2UL, 3UL, 4UL, 7UL)]
    [InlineData(4UL, null, 4UL, 4UL, 8UL, 9UL)]
    [InlineData(0UL, 0UL, 0UL, 0UL, 0UL, 1UL)]
    public void A_range_covers_its_epochs_up_to_the_head(ulong? from, ulong? to, ulong fromEpoch, ulong toEpoch, ulong fromHeight, ulong toHeight)
    {
        Assert.Null(AuditRange.Resolve(from, to, headHeight: 9, EpochLength, out var range));
        Assert.Equal(new AuditRange(fromEpoch, toEpoch, fromHeight, toHeight, 9), range);
        Assert.Equal(Math.Max(fromHeight, 1), range.FirstAuditedHeight);
    }

    [Theory]
    [InlineData(3UL, 2UL, "from_epoch", "from_epoch 3 is after to_epoch 2: the range must not run backwards")]
    [InlineData(null, 5UL, "to_epoch", "to_epoch 5 is after the head's epoch 4 (height 9, 2 blocks per epoch)")]
    [InlineData(5UL, null, "from_epoch", "from_epoch 5 is after the head's epoch 4 (height 9)")]
    public void A_range_the_chain_cannot_answer_names_the_param(ulong? from, ulong? to, string param, string message)
    {
        Assert.Equal(new AuditRangeProblem(param, message), AuditRange.Resolve(from, to, headHeight: 9, EpochLength, out _));
    }

    [Fact]
    public void A_chain_of_only_genesis_audits_as_its_genesis_treasury()
    {
        var audit = Audit(0, 0, headHeight: 0, [], Records(), Stored(ct: 1_000, it: 500, escrow: 0));

        Assert.True(audit.Conserved);
        Assert.Equal(0UL, audit.Range.BlockCount);
        Assert.Equal(new SubLedgerTerms(1_000, 0, 0, 0, 1_000, 1_000), audit.Ct);
    }

    [Fact]
    public void A_range_extended_to_a_later_head_audits_as_if_resolved_against_that_head()
    {
        var journals = Chain([Accrual()], [Accrual()], [Accrual()]);
        Assert.Null(AuditRange.Resolve(0, null, 1, EpochLength, out var early));
        Assert.Null(AuditRange.Resolve(0, null, 3, EpochLength, out var later));
        var auditor = new SettlementAuditor(Genesis, early);

        auditor.Add(journals[0]);
        auditor.Extend(later);
        auditor.Add(journals[1]);
        auditor.Add(journals[2]);
        var audit = auditor.Finish(Records(), Stored(ct: 1_000 + 3 * Share, it: 500, escrow: 0));

        Assert.True(audit.Conserved, string.Join("; ", audit.Discrepancies));
        Assert.Equal(later, audit.Range);
        Assert.Equal(3 * Share, audit.Ct.Accruals);
    }

    [Fact]
    public void A_range_cannot_be_extended_to_one_that_starts_elsewhere_or_ends_sooner()
    {
        Assert.Null(AuditRange.Resolve(1, null, 5, EpochLength, out var range));
        Assert.Null(AuditRange.Resolve(0, null, 7, EpochLength, out var otherStart));
        Assert.Null(AuditRange.Resolve(1, 1, 5, EpochLength, out var sooner));
        var auditor = new SettlementAuditor(Genesis, range);

        Assert.Throws<ArgumentException>(() => auditor.Extend(otherStart));
        Assert.Throws<ArgumentException>(() => auditor.Extend(sooner));
    }

    private static SettlementAuditResult Audit(ulong from, ulong to, ulong headHeight, IEnumerable<BlockJournal> journals, IDisbursementRecords records, StoredBalances? stored = null)
    {
        Assert.Null(AuditRange.Resolve(from, to, headHeight, EpochLength, out var range));
        return SettlementAuditor.Audit(Genesis, range, journals, records, stored);
    }

    private static StoredBalances Stored(ulong ct, ulong it, ulong escrow) => new(new TreasuryBalances(ct, it), new TreasuryBalances(escrow, 0));

    /// <summary>Journals of blocks 1, 2, … in order.</summary>
    private static List<BlockJournal> Chain(params LedgerEntry[][] blocks) =>
        [.. blocks.Select((entries, i) => new BlockJournal((ulong)i + 1, entries))];

    private static LedgerEntry Accrual() => Entry(SystemAccounts.Treasury, (long)Share, LedgerEntryKind.TreasuryAccrual, null, SubLedger.Ct);

    private static IEnumerable<LedgerEntry> Payout(ulong id, long ct, long it, long? escrowed = null)
    {
        foreach (var (sub, amount) in new[] { (SubLedger.Ct, ct), (SubLedger.It, it) }.Where(p => p.Item2 > 0))
        {
            yield return Entry(SystemAccounts.Treasury, -amount, TreasuryLedgerEntryKinds.DisbursementPayout, Disbursement.Reference(id), sub);
            yield return Entry(TreasuryModule.EscrowAccount, sub == SubLedger.Ct ? escrowed ?? amount : amount, TreasuryLedgerEntryKinds.DisbursementEscrow, Disbursement.Reference(id), sub);
        }
    }

    private static IEnumerable<LedgerEntry> Release(ulong id, long ct, long it, Address? to = null)
    {
        foreach (var (sub, amount) in new[] { (SubLedger.Ct, ct), (SubLedger.It, it) }.Where(p => p.Item2 > 0))
        {
            yield return Entry(TreasuryModule.EscrowAccount, -amount, TreasuryLedgerEntryKinds.DisbursementRelease, Disbursement.Reference(id), sub);
            yield return new LedgerEntry(0, LedgerAccount.Of(to ?? Destination), amount, TreasuryLedgerEntryKinds.DisbursementReceived, Disbursement.Reference(id));
        }
    }

    private static IEnumerable<LedgerEntry> Refund(ulong id, long ct, long it)
    {
        foreach (var (sub, amount) in new[] { (SubLedger.Ct, ct), (SubLedger.It, it) }.Where(p => p.Item2 > 0))
        {
            yield return Entry(TreasuryModule.EscrowAccount, -amount, TreasuryLedgerEntryKinds.DisbursementRefund, Disbursement.Reference(id), sub);
            yield return Entry(SystemAccounts.Treasury, amount, TreasuryLedgerEntryKinds.DisbursementRefund, Disbursement.Reference(id), sub);
        }
    }

    private static LedgerEntry Entry(string system, long delta, LedgerEntryKind kind, string? reference, SubLedger subLedger) =>
        new(0, LedgerAccount.OfSystem(system), delta, kind, reference, subLedger);

    private static Disbursement Record(ulong id, ulong ct, ulong it, DisbursementState state, ulong? executedAt) => new()
    {
        Id = id,
        Proposal = new DisbursementProposal($"Grant {id}", string.Empty, Destination, ct, it, string.Empty, 0, [], [], 1, 0, 1),
        Proposer = Destination,
        CreatedTx = Hash32.Zero,
        CreatedHeight = 0,
        CreatedAt = 0,
        UpdatedAt = 0,
        State = state,
        Since = 0,
        ExecutedHeight = executedAt,
        QuorumPpm = 500_000,
        ThresholdPpm = 500_000,
        TotalVotingPower = 1,
    };

    private static FakeRecords Records(params Disbursement[] records) => new(records.ToDictionary(r => r.Id));

    private sealed class FakeRecords(Dictionary<ulong, Disbursement> records) : IDisbursementRecords
    {
        public Disbursement? Get(ulong id) => records.GetValueOrDefault(id);

        public IEnumerable<Disbursement> ExecutedBetween(ulong fromHeight, ulong toHeight) =>
            records.Values.Where(r => r.ExecutedHeight is { } h && h >= fromHeight && h <= toHeight).OrderBy(r => r.Id);
    }
}
