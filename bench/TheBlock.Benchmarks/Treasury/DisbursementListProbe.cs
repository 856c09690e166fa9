using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Treasury;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Treasury;

/// <summary>
/// <c>gov.treasury.list --status queued --limit 1000</c> against a database holding many disbursements, measured the
/// way the node serves it: the storage query (index on state and id, totals from the trigger-kept table), the mapping
/// to wire views and the JSON serialization. The rows are written straight into a fresh database (they are not a valid
/// chain; only the listing is measured). Reports latency percentiles over sequential calls at random cursors.
/// </summary>
public static class DisbursementListProbe
{
    public const string Usage = "disbursements [--count 1000000] [--queued-every 20] [--queries 2000]";

    public static int Run(string[] args)
    {
        var count = Option(args, "--count", 1_000_000);
        var queuedEvery = Option(args, "--queued-every", 20);
        var queries = Option(args, "--queries", 2_000);
        var directory = Directory.CreateTempSubdirectory("theblock-bench-list-").FullName;
        try
        {
            var path = Path.Combine(directory, "chain.db");
            using (ChainDatabase.Open(path))
            {
            }

            var started = Stopwatch.GetTimestamp();
            Fill(path, count, queuedEvery);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stored {count:N0} disbursements ({count / queuedEvery:N0} queued) in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));

            using var database = ChainDatabase.Open(path);
            var random = new Random(7);
            var latencies = new double[queries];
            var (query, map, serialize) = (0.0, 0.0, 0.0);
            var bytes = 0L;
            for (var i = -50; i < queries; i++)
            {
                var after = (ulong)random.NextInt64(0, count - (1_000L * queuedEvery));
                var call = Stopwatch.GetTimestamp();
                var page = database.Reader.ListDisbursements(DisbursementState.Queued, after, 1_000);
                var queried = Stopwatch.GetTimestamp();
                var list = new DisbursementList(DisbursementViews.ToViews(page.Items), (ulong)page.Total, page.TotalAmountCt, page.TotalAmountIt, page.NextCursor);
                var mapped = Stopwatch.GetTimestamp();
                var json = JsonSerializer.SerializeToUtf8Bytes(list, TreasuryJsonContext.Default.DisbursementList);
                if (i >= 0)
                {
                    latencies[i] = Stopwatch.GetElapsedTime(call).TotalMilliseconds;
                    query += Stopwatch.GetElapsedTime(call, queried).TotalMilliseconds;
                    map += Stopwatch.GetElapsedTime(queried, mapped).TotalMilliseconds;
                    serialize += Stopwatch.GetElapsedTime(mapped).TotalMilliseconds;
                    bytes += json.Length;
                }
            }

            Array.Sort(latencies);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{queries} calls, 1000 rows each ({bytes / queries / 1024:N0} KiB of JSON): p50 {Percentile(latencies, 50):0.00} ms, p90 {Percentile(latencies, 90):0.00} ms, p99 {Percentile(latencies, 99):0.00} ms, max {latencies[^1]:0.00} ms; mean split: query+decode {query / queries:0.00} ms, views {map / queries:0.00} ms, JSON {serialize / queries:0.00} ms"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Fill(string path, int count, int queuedEvery)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO disbursements (id, state, amount_ct, amount_it, created_tx, record) VALUES ($id, $state, $ct, 0, $tx, $record)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var state = insert.Parameters.Add("$state", SqliteType.Text);
        var ct = insert.Parameters.Add("$ct", SqliteType.Integer);
        var tx = insert.Parameters.Add("$tx", SqliteType.Blob);
        var record = insert.Parameters.Add("$record", SqliteType.Blob);
        var template = Template();
        for (var i = 1; i <= count; i++)
        {
            var disbursementState = i % queuedEvery == 0 ? DisbursementState.Queued : i % 7 == 0 ? DisbursementState.RolledBack : DisbursementState.Finalized;
            var disbursement = template with
            {
                Id = (ulong)i,
                State = disbursementState,
                CreatedTx = Hash32.Sha256(BitConverter.GetBytes(i)),
                Proposal = template.Proposal with { AmountCt = (ulong)(1_000 + (i % 5_000)) },
            };
            id.Value = i;
            state.Value = DisbursementStates.Name(disbursementState);
            ct.Value = (long)disbursement.Proposal.AmountCt;
            tx.Value = disbursement.CreatedTx.ToArray();
            record.Value = disbursement.Encode();
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static Disbursement Template()
    {
        var address = Address.FromPublicKey(new byte[32]);
        var proposal = new DisbursementProposal("Quarterly infrastructure grant", "Pays for the validators' hosting.", address, 1_000, 0, "invoice 2026-Q4", 0, [], [3], 1, 1, 1);
        return new Disbursement
        {
            Id = 1,
            Proposal = proposal,
            Proposer = address,
            CreatedTx = Hash32.Zero,
            CreatedHeight = 10,
            CreatedAt = 1_790_000_000,
            UpdatedAt = 1_790_000_100,
            State = DisbursementState.Queued,
            Since = 1_790_000_100,
            QueuedAt = 1_790_000_100,
            VotingEndsHeight = 131,
            TimelockEndsHeight = 131,
            QuorumPpm = 400_000,
            ThresholdPpm = 500_000,
            TotalVotingPower = 250,
            Tally = new VoteTally(150, 0, 0),
            Votes = [new CastVote(address, VoteChoice.Yes, 100), new CastVote(address, VoteChoice.Yes, 50)],
        };
    }

    private static double Percentile(double[] sorted, int percent) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * percent / 100.0) - 1)];

    private static int Option(string[] args, string name, int defaultValue)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : defaultValue;
    }
}
