using TheBlock.Client.Treasury;

namespace TheBlock.Client.Tests.Treasury;

/// <summary>The runbook's "Settlement Audit" text, exactly as RUNBOOK.md prints it.</summary>
public class SettlementAuditTextTests
{
    [Fact]
    public void A_conserved_audit_prints_the_runbooks_verified_block_with_ct_and_it_added()
    {
        var text = SettlementAuditText.Render(Audit(rolledBack: 0));

        Assert.Equal(
            "Ledger conservation verified:\n"
            + "  Initial balance: 10,000,000 CT\n"
            + "  Accruals: 1,500,000 CT\n"
            + "  Executed disbursements: 2,000,000 CT\n"
            + "  Final balance: 9,500,000 CT\n",
            text);
    }

    [Fact]
    public void A_rollback_adds_its_line_after_the_executed_one_so_the_terms_add_up()
    {
        var text = SettlementAuditText.Render(Audit(rolledBack: 250_000));

        Assert.Equal(
            "Ledger conservation verified:\n"
            + "  Initial balance: 10,000,000 CT\n"
            + "  Accruals: 1,500,000 CT\n"
            + "  Executed disbursements: 2,000,000 CT\n"
            + "  Rolled back from escrow: 250,000 CT\n"
            + "  Final balance: 9,750,000 CT\n",
            text);
    }

    [Fact]
    public void A_failed_audit_prints_one_assertion_per_discrepancy_with_its_disbursements()
    {
        var audit = Audit(rolledBack: 0) with
        {
            Conserved = false,
            Discrepancies =
            [
                new AuditDiscrepancy("treasury", "ct", 9_500_000, 9_300_000, -200_000, 200_000.0 / 9_500_000 * 100, [4521]),
                new AuditDiscrepancy("treasury_escrow", null, 0, 12_345, 12_345, 0, []),
            ],
        };

        Assert.Equal(
            "Assertion failed:\n"
            + "  Expected balance: 9,500,000 CT\n"
            + "  Actual balance: 9,300,000 CT\n"
            + "  Discrepancy: 200,000 CT (2.1%)\n"
            + "\n"
            + "Investigation:\n"
            + "  Disbursements behind it: 4521\n"
            + "\n"
            + "Assertion failed:\n"
            + "  Expected balance: 0 CT\n"
            + "  Actual balance: 12,345 CT\n"
            + "  Discrepancy: 12,345 CT (0.0%)\n"
            + "\n"
            + "Investigation:\n"
            + "  Disbursements behind it: none\n",
            SettlementAuditText.Render(audit));
    }

    [Fact]
    public void Sums_past_a_ulong_still_print()
    {
        Assert.Equal("36,893,488,147,419,103,230 CT", SettlementAuditText.Ct((decimal)ulong.MaxValue + ulong.MaxValue));
    }

    private static SettlementAudit Audit(ulong rolledBack) => new(
        0,
        1000,
        0,
        120_119,
        new SubLedgerAudit(9_000_000, 1_500_000, 1_900_000, rolledBack, 8_600_000 + rolledBack, 8_600_000 + rolledBack),
        new SubLedgerAudit(1_000_000, 0, 100_000, 0, 900_000, 900_000),
        new EscrowAudit(0, 2_000_000, 2_000_000 - rolledBack, rolledBack, 0, 0),
        true,
        []);
}
