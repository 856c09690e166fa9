using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests.Treasury;

/// <summary>
/// Expensive JSON-RPC work on a real devnet: overlapping settlement audits and a batch of the largest list calls are
/// each answered with a clear error where they exceed the node's bounds, while the node keeps answering
/// <c>node.status</c> in its usual time, its memory stays bounded and its WAL keeps being checkpointed.
/// </summary>
public sealed class RpcBoundsTests
{
    private const int Disbursements = 24;
    private const int MemoBytes = 8 * 1024;
    private const int ConcurrentAudits = 16;
    private const int BatchCalls = 100;
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Sixteen_concurrent_audits_and_a_batch_of_100_large_lists_leave_the_node_responsive_and_bounded()
    {
        await using var devnet = await TreasuryDriver.StartDevnetAsync();
        using var driver = new TreasuryDriver(devnet);
        var destination = (await driver.NewKeyAsync("payee")).Address;

        // Each listed disbursement carries a full 8 KiB memo: 100 × list limit=1000 asks for about 100 × 24 × 9 KB.
        for (var i = 0; i < Disbursements; i++)
        {
            var proposal = TreasuryDriver.Proposal($"Large memo {i}", destination, 1);
            proposal["memo"] = new string('m', MemoBytes);
            await driver.CreateAsync(proposal);
        }

        var pid = devnet.ProcessId!.Value;
        var walPath = devnet.DatabasePath + "-wal";
        var baseline = await StatusLatenciesAsync(driver.Rpc, 40);
        var (rssBefore, walBefore) = (ResidentBytes(pid), new FileInfo(walPath).Length);

        using var load = new RawRpc(devnet.RpcUrl);
        var audits = Enumerable.Range(0, ConcurrentAudits)
            .Select(_ => load.CallAsync("audit.settlement", """{"from_epoch":0}""", driver.AdminToken))
            .ToArray();
        var batch = load.PostAsync("[" + string.Join(',', Enumerable.Range(1, BatchCalls).Select(id =>
            $$$"""{"jsonrpc":"2.0","id":{{{id}}},"method":"gov.treasury.list","params":{"limit":1000}}""")) + "]");
        var underLoad = await StatusLatenciesAsync(driver.Rpc, 40);
        var auditAnswers = await Task.WhenAll(audits);
        var (batchStatus, batchBody) = await batch;
        var (rssAfter, walAfter) = (ResidentBytes(pid), new FileInfo(walPath).Length);

        // The audits: each either ran (and the books add up) or was refused at once as busy.
        var ran = auditAnswers.Count(answer => answer.TryGetProperty("result", out var audit) && audit.GetProperty("conserved").GetBoolean());
        var busy = auditAnswers.Count(answer => answer.TryGetProperty("error", out _) && RawRpc.Error(answer) == (-32020, "busy"));
        Assert.True(ran >= 1 && ran + busy == ConcurrentAudits, $"{ran} audits ran, {busy} busy: {string.Join('\n', auditAnswers)}");

        // The batch: full answers up to the 16 MiB batch cap, then response_too_large for the rest, none run after it.
        Assert.Equal(200, batchStatus);
        var entries = batchBody!.Value.EnumerateArray().ToArray();
        var answered = entries.TakeWhile(entry => entry.TryGetProperty("result", out _)).ToArray();
        Assert.Equal(BatchCalls, entries.Length);
        Assert.InRange(answered.Length, 1, BatchCalls - 1);
        Assert.All(answered, entry => Assert.Equal(Disbursements, entry.GetProperty("result").GetProperty("disbursements").GetArrayLength()));
        Assert.All(entries[answered.Length..], entry => Assert.Equal((-32005, "response_too_large"), RawRpc.Error(entry)));

        // The node stayed responsive, bounded in memory, and its WAL was checkpointed all along.
        var usual = Percentile(baseline, 0.5);
        Assert.True(
            Percentile(underLoad, 0.5) <= (usual * 5) + 50,
            $"node.status under load: median {Percentile(underLoad, 0.5):F1} ms, p95 {Percentile(underLoad, 0.95):F1} ms; usual median {usual:F1} ms");
        Assert.True(rssAfter - rssBefore < 256 * MiB, $"RSS grew from {rssBefore / MiB} MiB to {rssAfter / MiB} MiB");
        Assert.True(walAfter <= walBefore + (16 * MiB), $"the WAL grew from {walBefore} to {walAfter} bytes");

        // The operator's path still works: contract-cli reads the devnet's admin token; without a token it is refused.
        var cliAudit = await devnet.CliJson("audit", "settlement");
        Assert.True(cliAudit.GetProperty("conserved").GetBoolean(), cliAudit.ToString());
        Assert.Equal((-32001, "unauthorized"), RawRpc.Error(await load.CallAsync("audit.settlement")));

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RpcBounds: audits ran {ran}, busy {busy}; batch answered {answered.Length} of {BatchCalls}; node.status median {usual:F1} ms before, "
            + $"{Percentile(underLoad, 0.5):F1} ms (p95 {Percentile(underLoad, 0.95):F1} ms) under load; RSS {rssBefore / MiB} -> {rssAfter / MiB} MiB; WAL {walBefore} -> {walAfter} bytes"));
    }

    private static async Task<double[]> StatusLatenciesAsync(RawRpc rpc, int calls)
    {
        var latencies = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var status = await rpc.CallAsync("node.status");
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Assert.True(status.TryGetProperty("result", out _), status.ToString());
        }

        return latencies;
    }

    private static double Percentile(double[] values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(fraction * sorted.Length))];
    }

    /// <summary>The process's resident set (VmRSS in /proc/PID/status), in bytes.</summary>
    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
