using System.CommandLine;
using System.Text.Json;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury.Audit;
using TheBlock.Server.Node;
using TheBlock.Server.Treasury;
using TheBlock.Storage;

namespace TheBlock.Server.Commands;

/// <summary>
/// <c>the-block audit settlement --data-dir D</c>: the settlement audit offline, read-only, against a stopped node's data
/// (spec/treasury.md, "Settlement audit"). Prints what <c>audit.settlement</c> answers (JSON) or the runbook's text
/// (<c>--output table</c>); exits 1 when the treasury is not conserved, after printing the audit.
/// </summary>
public static class AuditCommand
{
    public const string Json = "json";
    public const string Table = "table";

    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Data directory of a stopped node (its chain.db is opened read-only).", Required = true };
        var fromEpoch = new Option<ulong?>("--from-epoch") { Description = "First epoch audited (default 0: from genesis).", HelpName = "A" };
        var toEpoch = new Option<ulong?>("--to-epoch") { Description = "Last epoch audited (default: the head's epoch).", HelpName = "B" };
        var output = new Option<string>("--output") { Description = "json (default, as audit.settlement answers) or table (the runbook's text).", DefaultValueFactory = _ => Json };
        output.AcceptOnlyFromAmong(Json, Table);

        var settlement = new Command(
            "settlement",
            "Check treasury conservation over an epoch range: initial + accruals − executed + rolled back from escrow = final, per sub-ledger, "
            + "and the escrow's balance. Exits 1 when it does not hold.\nExample: the-block audit settlement --data-dir /var/lib/the-block --from-epoch 0 --to-epoch 1000 --output table");
        settlement.Options.Add(dataDir);
        settlement.Options.Add(fromEpoch);
        settlement.Options.Add(toEpoch);
        settlement.Options.Add(output);
        settlement.SetAction(parse => Run(
            parse.GetValue(dataDir)!,
            parse.GetValue(fromEpoch),
            parse.GetValue(toEpoch),
            parse.GetValue(output)!,
            Console.Out,
            Console.Error));

        var audit = new Command("audit", "Audits of the chain's books.");
        audit.Subcommands.Add(settlement);
        return audit;
    }

    /// <summary>Runs the audit and prints it; returns the exit code: 0 conserved, 1 not conserved or not auditable.</summary>
    public static int Run(string dataDir, ulong? fromEpoch, ulong? toEpoch, string output, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        SettlementAuditOutcome outcome;
        try
        {
            var reader = ChainReader.OpenReadOnly(NodeDataDirectory.DatabasePath(dataDir));
            var genesisJson = reader.ReadGenesisJson() ?? throw new StateCorruptedException($"{dataDir} holds no initialized chain (no genesis)");
            outcome = reader.AuditSettlement(GenesisFile.Parse(genesisJson), fromEpoch, toEpoch);
        }
        catch (Exception ex) when (ex is StateCorruptedException or InvariantViolationException or FormatException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            stderr.WriteLine($"the-block: audit settlement: {ex.Message}");
            return 1;
        }

        if (outcome.Problem is { } problem)
        {
            stderr.WriteLine($"the-block: --{problem.Param.Replace('_', '-')}: {problem.Message}");
            return 1;
        }

        var audit = AuditRpcMethods.ToView(outcome.Audit!);
        if (output == Table)
        {
            stdout.Write(SettlementAuditText.Render(audit));
        }
        else
        {
            stdout.WriteLine(Indented(audit));
        }

        stdout.Flush();
        return audit.Conserved ? 0 : 1;
    }

    private static string Indented(SettlementAudit audit)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, audit, TreasuryJsonContext.Default.SettlementAudit);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
