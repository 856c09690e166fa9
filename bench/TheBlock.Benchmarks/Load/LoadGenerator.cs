using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace TheBlock.Benchmarks.Load;

/// <summary>
/// Open-loop load: request i is due at start + i / rate, whether or not earlier ones have been answered, and its
/// latency is measured from that intended time, not from when it was actually sent. A stalled server therefore shows
/// up as latency on every request it delayed (no coordinated omission). The scheduler sleeps in 1 ms steps and sends
/// everything that is due, so a request may leave up to about a millisecond late; that lag is part of its latency.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    /// <summary>Requests in flight beyond this are not sent and count as errors, so a dead server cannot exhaust the client.</summary>
    private const int MaxInFlight = 2_000;

    private readonly LoadOptions _options;
    private readonly HttpClient _client;
    private readonly byte[] _body;
    private readonly MediaTypeHeaderValue _contentType = new("application/json");

    public LoadGenerator(LoadOptions options)
    {
        _options = options;
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Timeout,
        };
        _body = Encoding.UTF8.GetBytes($$$"""{"jsonrpc":"2.0","id":1,"method":"{{{options.Method}}}","params":{}}""");
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        using var generator = new LoadGenerator(options);
        if (options.Warmup > TimeSpan.Zero)
        {
            var warmup = await generator.RunPhaseAsync(checked((int)(options.Rate * options.Warmup.TotalSeconds)));
            Console.WriteLine($"warm-up: {warmup.Count} requests, {warmup.Errors} errors (not counted)");
        }

        var result = await generator.RunPhaseAsync(options.Count);
        Console.WriteLine($"target: {options.Url} method {options.Method}, {options.Rate} req/s for {options.Duration.TotalSeconds:0} s (open loop)");
        Console.WriteLine(result.Describe());
        return result.Errors == 0 ? 0 : 1;
    }

    /// <summary>Sends <paramref name="count"/> requests on schedule and waits (at most the timeout) for the answers.</summary>
    public async Task<LoadResult> RunPhaseAsync(int count)
    {
        var latencies = new long[count];
        var outcomes = new Outcome[count];
        var inFlight = 0;
        var tasks = new List<Task>(count);
        var ticksPerRequest = (double)Stopwatch.Frequency / _options.Rate;
        long maxLag = 0;

        var start = Stopwatch.GetTimestamp();
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                long now;
                while ((now = Stopwatch.GetTimestamp()) < due)
                {
                    Thread.Sleep(1);
                }

                maxLag = Math.Max(maxLag, now - due);
                if (Interlocked.Increment(ref inFlight) > MaxInFlight)
                {
                    Interlocked.Decrement(ref inFlight);
                    outcomes[i] = Outcome.NotSent;
                    continue;
                }

                var index = i;
                tasks.Add(Task.Run(async () =>
                {
                    (outcomes[index], latencies[index]) = await SendAsync(due);
                    Interlocked.Decrement(ref inFlight);
                }));
            }
        })
        { IsBackground = true, Name = "load scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadResult(outcomes, latencies, elapsed, TimeSpan.FromSeconds(maxLag / (double)Stopwatch.Frequency));
    }

    private async Task<(Outcome, long)> SendAsync(long due)
    {
        try
        {
            using var content = new ByteArrayContent(_body);
            content.Headers.ContentType = _contentType;
            using var response = await _client.PostAsync(_options.Url, content);
            var text = await response.Content.ReadAsStringAsync();
            var latency = Stopwatch.GetTimestamp() - due;
            var ok = response.IsSuccessStatusCode && text.Contains("\"result\"", StringComparison.Ordinal);
            return (ok ? Outcome.Ok : Outcome.BadResponse, latency);
        }
        catch (TaskCanceledException)
        {
            return (Outcome.TimedOut, Stopwatch.GetTimestamp() - due);
        }
        catch (HttpRequestException)
        {
            return (Outcome.Failed, Stopwatch.GetTimestamp() - due);
        }
    }

    public void Dispose() => _client.Dispose();

    public enum Outcome : byte
    {
        Ok,
        BadResponse,
        TimedOut,
        Failed,
        NotSent,
    }
}
