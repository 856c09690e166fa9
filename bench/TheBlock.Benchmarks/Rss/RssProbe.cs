using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Extensions.Logging;
using Prometheus;
using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Devnet;
using TheBlock.Server.Logging;
using TheBlock.Server.Node;
using TheBlock.Storage;

namespace TheBlock.Benchmarks.Rss;

/// <summary>
/// (6) Does the node's memory grow with chain length? Creates a devnet chain in a temporary directory (devnet genesis,
/// validator and dev keys, block 0 via <see cref="ChainInitializer"/>), opens it with <see cref="ChainService.Open"/>
/// as the node does (file logging, metrics, the full conservation check after every block as on a devnet), then
/// produces blocks back to back, each fsync'd, with a few signed transfers submitted through the admission path.
/// At each checkpoint it prints the working set (and Linux's anonymous/file split of it), the GC heap after a full,
/// compacting collection, and what SQLite has allocated (its page caches, mostly).
/// </summary>
public static class RssProbe
{
    public const string Usage = """
        rss: produce blocks back to back on a temporary devnet chain and print memory at checkpoints.
          --blocks N         blocks to produce, 1000..1000000 (default 100000)
          --transfers N      transfers submitted per block, 0..100 (default 3)
          --keep             keep the temporary data directory
        """;

    private static readonly ulong[] Checkpoints = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];

    public static int Run(IReadOnlyList<string> args)
    {
        ulong blocks = 100_000;
        var transfersPerBlock = 3;
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--blocks" when i + 1 < args.Count && ulong.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n is >= 1_000 and <= 1_000_000:
                    blocks = n;
                    i++;
                    break;
                case "--transfers" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 100:
                    transfersPerBlock = t;
                    i++;
                    break;
                case "--keep":
                    keep = true;
                    break;
                default:
                    Console.Error.WriteLine($"unexpected argument {args[i]}\n{Usage}");
                    return 2;
            }
        }

        var dataDir = Directory.CreateTempSubdirectory("theblock-bench-rss-").FullName;
        try
        {
            Produce(dataDir, blocks, transfersPerBlock);
        }
        finally
        {
            if (keep)
            {
                Console.WriteLine($"kept {dataDir}");
            }
            else
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }

        return 0;
    }

    private static void Produce(string dataDir, ulong blocks, int transfersPerBlock)
    {
        var devKeys = CreateDevnet(dataDir);
        var options = new NodeOptions { DataDir = dataDir, NodeId = "rss-probe", VerifyConservationEveryBlock = true };
        var metrics = new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));
        using var loggers = LoggerFactory.Create(builder => builder.AddTheBlockFileLogging(options.ResolvedLogDir, LogFiles.Node, new FileLoggingOptions()));
        using var chain = ChainService.Open(options, metrics, loggers, TimeProvider.System);

        Console.WriteLine($"rss probe: {blocks} blocks, {transfersPerBlock} transfers each, data dir {dataDir}");
        Console.WriteLine($"runtime {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Environment.ProcessorCount} cores");
        Console.WriteLine("   height  elapsed_s  blocks/s  working_set_MiB  rss_anon_MiB  rss_file+shmem_MiB  gc_heap_MiB  gc_committed_MiB  sqlite_MiB  chain.db_MiB  wal_MiB");
        Report(chain.Head.Height, TimeSpan.Zero, 0, dataDir);

        var random = new Random(6);
        var started = Stopwatch.GetTimestamp();
        var checkpoint = 0;
        var lastCheckpointAt = started;
        ulong lastCheckpointHeight = 0;
        for (ulong produced = 1; produced <= blocks; produced++)
        {
            for (var t = 0; t < transfersPerBlock; t++)
            {
                var sender = devKeys[1 + random.Next(devKeys.Length - 1)];
                var recipient = devKeys[random.Next(devKeys.Length)].Address;
                var (_, nextNonce) = chain.GetAccount(sender.Address);
                var transfer = Transaction.CreateSigned(chain.Genesis.ChainId, sender, nextNonce, 0, new TransferPayload(recipient, (ulong)random.Next(1, 1_000)));
                if (chain.Submit(transfer) is { } rejection)
                {
                    throw new InvalidOperationException($"transfer refused at height {chain.Head.Height}: {rejection}");
                }
            }

            if (chain.ProduceBlock() is null)
            {
                throw new InvalidOperationException($"block {chain.Head.Height + 1} failed to commit");
            }

            while (checkpoint < Checkpoints.Length && Checkpoints[checkpoint] < produced)
            {
                checkpoint++;
            }

            if ((checkpoint < Checkpoints.Length && produced == Checkpoints[checkpoint]) || produced == blocks)
            {
                var now = Stopwatch.GetTimestamp();
                var rate = (produced - lastCheckpointHeight) / Stopwatch.GetElapsedTime(lastCheckpointAt, now).TotalSeconds;
                Report(chain.Head.Height, Stopwatch.GetElapsedTime(started, now), rate, dataDir);
                lastCheckpointAt = Stopwatch.GetTimestamp();
                lastCheckpointHeight = produced;
            }
        }

        foreach (var key in devKeys)
        {
            key.Dispose();
        }
    }

    /// <summary>What <c>the-block devnet</c> creates, minus the CLI's credentials under ~/.config.</summary>
    private static SigningKey[] CreateDevnet(string dataDir)
    {
        var validatorSeed = KeyFile.Generate(NodeDataDirectory.ValidatorKeyPath(dataDir));
        var devKeys = Enumerable.Range(1, DevnetLayout.DevAccountCount)
            .Select(index => SigningKey.FromSeed(KeyFile.Generate(DevnetLayout.DevKeyPath(dataDir, index))))
            .ToArray();
        using var validator = SigningKey.FromSeed(validatorSeed);
        var genesis = DevnetGenesis.Create(
            validator.PublicKey,
            devKeys.Select(k => k.Address),
            DevnetGenesis.DefaultEpochLength,
            DevnetGenesis.DefaultBlockIntervalMs,
            (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        ChainInitializer.Initialize(dataDir, GenesisFile.Serialize(genesis));
        return devKeys;
    }

    private static void Report(ulong height, TimeSpan elapsed, double blocksPerSecond, string dataDir)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var workingSet = Environment.WorkingSet;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var status = ProcStatus();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{height,9}  {elapsed.TotalSeconds,9:0.0}  {blocksPerSecond,8:0.0}  {Mib(workingSet),15:0.0}  {Mib(status.GetValueOrDefault("RssAnon")),12:0.0}  {Mib(status.GetValueOrDefault("RssFile") + status.GetValueOrDefault("RssShmem")),18:0.0}  {Mib(heap),11:0.0}  {Mib(committed),16:0.0}  {Mib(SQLitePCL.raw.sqlite3_memory_used()),10:0.0}  {Mib(FileSize(dataDir, "chain.db")),12:0.0}  {Mib(FileSize(dataDir, "chain.db-wal")),7:0.0}"));
    }

    /// <summary>The resident-memory split Linux reports in /proc/self/status (kB values, in bytes); empty elsewhere.</summary>
    private static Dictionary<string, long> ProcStatus()
    {
        var values = new Dictionary<string, long>();
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(':', 2);
            if (parts.Length == 2 && parts[0].StartsWith("Rss", StringComparison.Ordinal)
                && long.TryParse(parts[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture, out var kib))
            {
                values[parts[0]] = kib * 1024;
            }
        }

        return values;
    }

    private static long FileSize(string dataDir, string name)
    {
        var file = new FileInfo(Path.Combine(dataDir, name));
        return file.Exists ? file.Length : 0;
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);
}
