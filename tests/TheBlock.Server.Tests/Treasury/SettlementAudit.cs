using System.Text.Json;
using Microsoft.Data.Sqlite;
using TheBlock.Client.Treasury;
using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Commands;
using TheBlock.Server.Treasury;
using TheBlock.Storage;
using Xunit.Abstractions;
using AuditView = TheBlock.Client.Treasury.SettlementAudit;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>
/// The runbook's settlement audit (RUNBOOK.md, "Settlement Audit"), the .NET way:
/// <c>STARTING_EPOCH=0 ENDING_EPOCH=1000 dotnet test tests/TheBlock.Server.Tests -c Release --filter SettlementAudit --logger "console;verbosity=detailed"</c>.
/// It builds <see cref="SettlementAuditChain"/> over that range, audits it as <c>the-block audit settlement</c> does
/// (read-only, offline) and prints the runbook's "Ledger conservation verified" block; then it tampers with one
/// stored ledger entry and checks that the audit fails and names the disbursement.
/// </summary>
public sealed class SettlementAudit : IClassFixture<SettlementAuditChain>
{
    private readonly SettlementAuditChain _chain;
    private readonly ITestOutputHelper _output;

    public SettlementAudit(SettlementAuditChain chain, ITestOutputHelper output)
    {
        _chain = chain;
        _output = output;
    }

    [Fact]
    public void Ledger_conservation_holds_over_the_epoch_range()
    {
        var run = Audit(_chain.DataDir, "table");
        var audit = Audit(_chain.DataDir, "json");

        _output.WriteLine(run.Stdout.TrimEnd('\n'));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Ledger conservation verified:\n  Initial balance: ", run.Stdout, StringComparison.Ordinal);
        var view = audit.View!;
        Assert.True(view.Conserved, audit.Stdout);
        Assert.Empty(view.Discrepancies);
        Assert.Equal((_chain.StartingEpoch, _chain.EndingEpoch), (view.FromEpoch, view.ToEpoch));
        Assert.Equal((_chain.StartingEpoch * SettlementAuditChain.EpochLength, _chain.HeadHeight), (view.FromHeight, view.ToHeight));

        // The final balances are the chain's, and every term adds up, per sub-ledger and in escrow.
        Assert.Equal((_chain.State.Treasury.Ct, _chain.State.Treasury.It, _chain.State.Book.Escrow.Total), (view.Ct.Final, view.It.Final, view.Escrow.Final));
        foreach (var sub in new[] { view.Ct, view.It })
        {
            Assert.Equal(sub.Initial + sub.Accruals - sub.Executed + sub.RolledBackFromEscrow, sub.Final);
        }

        Assert.Equal(view.Escrow.Initial + view.Escrow.Executed - view.Escrow.Finalized - view.Escrow.RolledBack, view.Escrow.Final);
        var blocks = view.ToHeight - Math.Max(view.FromHeight, 1) + 1;
        Assert.Equal(blocks * (SettlementAuditChain.BlockReward * SettlementAuditChain.TreasuryPercent / 100), view.Ct.Accruals);
        if (_chain.StartingEpoch == 0 && _chain.EndingEpoch >= 100)
        {
            Assert.Equal((9_000_000UL, 1_000_000UL, 0UL), (view.Ct.Initial, view.It.Initial, view.Escrow.Initial));
            Assert.True(_chain.Paid > 0 && _chain.Finalized > 0 && _chain.RolledBackAfterPayment > 0, $"paid {_chain.Paid}, finalized {_chain.Finalized}, rolled back after payment {_chain.RolledBackAfterPayment}");
            Assert.True(view.Ct.Executed > 0 && view.It.Executed > 0 && view.Ct.RolledBackFromEscrow > 0 && view.Escrow.Finalized > 0);
        }
    }

    [Fact]
    public void A_tampered_payout_entry_fails_the_audit_and_names_its_disbursement()
    {
        var dataDir = _chain.CopyDataDir();
        try
        {
            var (disbursement, height) = PaidInRange();
            var paid = disbursement.Proposal.AmountCt;
            TamperWithPayout(Path.Combine(dataDir, "chain.db"), disbursement, height, shortBy: 1_000);

            var table = Audit(dataDir, "table");
            var json = Audit(dataDir, "json");

            _output.WriteLine(table.Stdout.TrimEnd('\n'));
            Assert.True(table.ExitCode == 1, table.ToString());
            Assert.True(json.ExitCode == 1, json.ToString());
            var view = json.View!;
            Assert.False(view.Conserved);
            var discrepancy = Assert.Single(view.Discrepancies);
            Assert.Equal(("treasury", "ct"), (discrepancy.Account, discrepancy.SubLedger));
            Assert.Equal([disbursement.Id], discrepancy.DisbursementIds);

            // The record says `paid` left the treasury; the journal now says `paid - 1,000`: the ledger shows 1,000 CT more.
            Assert.Equal(view.Ct.ExpectedFinal, discrepancy.Expected);
            Assert.Equal(discrepancy.Expected + 1_000, discrepancy.Actual);
            Assert.Equal(1_000, discrepancy.Difference);
            Assert.Equal(1_000.0 / discrepancy.Expected * 100, discrepancy.Percent, 9);
            Assert.Equal(_chain.State.Treasury.Ct, view.Ct.Final);
            Assert.True(paid > 1_000);
            Assert.Equal(
                "Assertion failed:\n"
                + $"  Expected balance: {SettlementAuditText.Ct(discrepancy.Expected)}\n"
                + $"  Actual balance: {SettlementAuditText.Ct(discrepancy.Actual)}\n"
                + $"  Discrepancy: 1,000 CT ({discrepancy.Percent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}%)\n"
                + "\n"
                + "Investigation:\n"
                + $"  Disbursements behind it: {disbursement.Id}\n",
                table.Stdout);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TempDirectory.Delete(dataDir);
        }
    }

    [Fact]
    public void A_range_past_the_head_is_refused_naming_the_option()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = AuditCommand.Run(_chain.DataDir, null, _chain.EndingEpoch + 1, AuditCommand.Json, stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, stdout.ToString());
        Assert.StartsWith($"the-block: --to-epoch: to_epoch {_chain.EndingEpoch + 1} is after the head's epoch {_chain.EndingEpoch}", stderr.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The first disbursement paid inside the audited range, and the height of its payout.</summary>
    private (Disbursement Disbursement, ulong Height) PaidInRange()
    {
        var reader = ChainReader.OpenReadOnly(_chain.DatabasePath);
        var first = Math.Max(_chain.StartingEpoch * SettlementAuditChain.EpochLength, 1);
        for (var id = 1UL; reader.GetDisbursement(id) is { } disbursement; id++)
        {
            if (disbursement.ExecutedHeight is { } height && height >= first && disbursement.Proposal.AmountCt > 1_000)
            {
                return (disbursement, height);
            }
        }

        throw new InvalidOperationException($"no disbursement was paid in epochs {_chain.StartingEpoch}..{_chain.EndingEpoch}: widen the range to tamper with one");
    }

    /// <summary>Rewrites the treasury-side ct payout entry of <paramref name="disbursement"/> in its block's journal blob, behind the node's back.</summary>
    private static void TamperWithPayout(string databasePath, Disbursement disbursement, ulong height, long shortBy)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT entries FROM ledger_journal WHERE height = $height";
        read.Parameters.AddWithValue("$height", (long)height);
        var entries = LedgerJournal.Decode((byte[])read.ExecuteScalar()!, height, StandardChain.Modules);
        var index = entries.FindIndex(e => e.Kind == TreasuryLedgerEntryKinds.DisbursementPayout && e.SubLedger == SubLedger.Ct && e.Reference == disbursement.LedgerReference);
        Assert.True(index >= 0, $"block {height} has no ct payout entry for disbursement {disbursement.Id}");
        entries[index] = entries[index] with { Delta = entries[index].Delta + shortBy };

        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE ledger_journal SET entries = $entries WHERE height = $height";
        write.Parameters.AddWithValue("$entries", LedgerJournal.Encode(entries));
        write.Parameters.AddWithValue("$height", (long)height);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    private CommandRun Audit(string dataDir, string output)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = AuditCommand.Run(dataDir, _chain.StartingEpoch, _chain.EndingEpoch, output, stdout, stderr);
        var view = output == AuditCommand.Json && stdout.ToString().Length > 0
            ? JsonSerializer.Deserialize(stdout.ToString(), TreasuryJsonContext.Default.SettlementAudit)
            : null;
        return new CommandRun(exitCode, stdout.ToString(), stderr.ToString(), view);
    }

    private sealed record CommandRun(int ExitCode, string Stdout, string Stderr, AuditView? View)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
    }
}
