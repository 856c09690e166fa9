using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TheBlock.Benchmarks.Load;

/// <summary>
/// Posts prepared JSON bodies open loop: body i is due at start + i × batch / rate whatever became of earlier ones, sent
/// from a scheduler thread over the given clients. Each answer is read by the caller's <c>read</c> into the statuses and
/// reasons it holds (null: not an answer); the tally counts them, and a POST without an answer counts as failed.
/// </summary>
public static class OpenLoopPosts
{
    /// <param name="read">the answer's per-document statuses and reasons, or null when the body is not an answer.</param>
    /// <param name="answered">called with the body's index, the answer time (a <see cref="Stopwatch"/> timestamp) and the answer read.</param>
    public static async Task<PostOutcome> RunAsync(
        HttpClient[] clients,
        string url,
        byte[][] bodies,
        int batch,
        int rate,
        string schedulerName,
        Func<byte[], IReadOnlyList<(string Status, string? Reason)>?> read,
        Action<int, long, IReadOnlyList<(string Status, string? Reason)>>? answered = null)
    {
        var contentType = new MediaTypeHeaderValue("application/json");
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var reasons = new Dictionary<string, long>(StringComparer.Ordinal);
        var failures = 0L;
        var postLatencies = new double[bodies.Length];
        var tasks = new List<Task>(bodies.Length);
        var ticksPerPost = (double)Stopwatch.Frequency * batch / rate;
        long maxLag = 0;
        var start = Stopwatch.GetTimestamp();
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < bodies.Length; i++)
            {
                var due = start + (long)(i * ticksPerPost);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    Thread.Sleep(1);
                }

                maxLag = Math.Max(maxLag, now - due);
                var index = i;
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        using var content = new ByteArrayContent(bodies[index]);
                        content.Headers.ContentType = contentType;
                        using var response = await clients[index % clients.Length].PostAsync(url, content);
                        var text = await response.Content.ReadAsByteArrayAsync();
                        var at = Stopwatch.GetTimestamp();
                        postLatencies[index] = Stopwatch.GetElapsedTime(due, at).TotalSeconds;
                        var answers = response.IsSuccessStatusCode ? read(text) : null;
                        if (answers is null)
                        {
                            Interlocked.Increment(ref failures);
                            return;
                        }

                        answered?.Invoke(index, at, answers);
                        lock (counts)
                        {
                            foreach (var (status, reason) in answers)
                            {
                                counts[status] = counts.GetValueOrDefault(status) + 1;
                                if (reason is not null)
                                {
                                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                                }
                            }
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
                    {
                        postLatencies[index] = Stopwatch.GetElapsedTime(due).TotalSeconds;
                        Interlocked.Increment(ref failures);
                    }
                }));
            }
        })
        { IsBackground = true, Name = schedulerName, Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        var sent = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(tasks);
        Array.Sort(postLatencies);
        return new PostOutcome(counts, reasons, failures, postLatencies, sent, Stopwatch.GetElapsedTime(start), TimeSpan.FromSeconds(maxLag / (double)Stopwatch.Frequency));
    }
}

/// <summary>What an open-loop run got back: answers by status and reason, failed POSTs, each POST's latency from when it was due (sorted), and timings.</summary>
public sealed record PostOutcome(
    Dictionary<string, long> Counts, Dictionary<string, long> Reasons, long Failures, double[] Latencies, TimeSpan Sending, TimeSpan Elapsed, TimeSpan MaxLag);
