using System.Globalization;
using System.Text;

namespace TheBlock.Client.Treasury;

/// <summary>
/// The runbook's "Settlement Audit" text for a <see cref="SettlementAudit"/>, word for word: "Ledger conservation
/// verified:" with the terms when it holds, otherwise one "Assertion failed:" block per discrepancy. Balances are the
/// treasury's ct and it sub-ledgers added together, in CT with comma thousands separators whatever the locale.
/// Shared by <c>contract-cli audit settlement --output table</c>, <c>the-block audit settlement --output table</c> and
/// the runbook test, so all three print the same thing.
/// </summary>
public static class SettlementAuditText
{
    /// <summary>The text, each line ending in '\n'.</summary>
    public static string Render(SettlementAudit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var text = new StringBuilder();
        if (audit.Conserved)
        {
            Verified(text, audit);
        }
        else if (audit.Discrepancies.Count == 0)
        {
            // "Not conserved" without saying where must still not print an empty report.
            text.Append("Assertion failed:\n  The audit reported no discrepancy details; see the JSON output.\n");
        }
        else
        {
            for (var i = 0; i < audit.Discrepancies.Count; i++)
            {
                if (i > 0)
                {
                    text.Append('\n');
                }

                Failed(text, audit.Discrepancies[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>An amount as the runbook writes it: <c>9,500,000 CT</c>.</summary>
    public static string Ct(decimal amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + " CT";

    private static void Verified(StringBuilder text, SettlementAudit audit)
    {
        text.Append("Ledger conservation verified:\n");
        Line(text, "Initial balance", Ct(Sum(audit.Ct.Initial, audit.It.Initial)));
        Line(text, "Accruals", Ct(Sum(audit.Ct.Accruals, audit.It.Accruals)));
        Line(text, "Executed disbursements", Ct(Sum(audit.Ct.Executed, audit.It.Executed)));
        var rolledBack = Sum(audit.Ct.RolledBackFromEscrow, audit.It.RolledBackFromEscrow);
        if (rolledBack != 0)
        {
            // Without this line the runbook's four terms would not add up whenever a payout was rolled back.
            Line(text, "Rolled back from escrow", Ct(rolledBack));
        }

        Line(text, "Final balance", Ct(Sum(audit.Ct.Final, audit.It.Final)));
    }

    private static void Failed(StringBuilder text, AuditDiscrepancy discrepancy)
    {
        text.Append("Assertion failed:\n");
        Line(text, "Expected balance", Ct(discrepancy.Expected));
        Line(text, "Actual balance", Ct(discrepancy.Actual));

        // The runbook gives the size of the gap; which way it goes is plain from the two lines above.
        var size = Ct(Math.Abs((decimal)discrepancy.Difference));
        var percent = Math.Abs(discrepancy.Percent).ToString("0.0", CultureInfo.InvariantCulture);
        Line(text, "Discrepancy", $"{size} ({percent}%)");
        text.Append('\n');
        text.Append("Investigation:\n");
        var ids = discrepancy.DisbursementIds.Count == 0
            ? "none"
            : string.Join(", ", discrepancy.DisbursementIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        Line(text, "Disbursements behind it", ids);
    }

    // Two sub-ledgers of up to ulong.MaxValue each overflow a ulong, not a decimal.
    private static decimal Sum(ulong ct, ulong it) => (decimal)ct + it;

    private static void Line(StringBuilder text, string label, string value) => text.Append("  ").Append(label).Append(": ").Append(value).Append('\n');
}
