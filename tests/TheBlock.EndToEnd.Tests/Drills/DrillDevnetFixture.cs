using System.Globalization;
using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Drills;

/// <summary>
/// One devnet with its simulator, oracle and emitter for every drill test (<see cref="DrillCollection"/>): 250 ms
/// blocks and 10-block epochs, so the treasury drill's vote window closes in seconds while the simulated energy and
/// service markets run as on any devnet; fault injection is allowed for the drills that switch a fault (the node's
/// default 12 s <c>--fault-delay-ms</c>). Started once: a start is most of a drill test's time.
/// </summary>
public sealed class DrillDevnetFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private DevnetProcess? _devnet;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public string OracleLog => Path.Combine(Devnet.DataDir, "logs", "oracle.log");

    public string ReceiptsLog => Path.Combine(Devnet.DataDir, "logs", "receipts.log");

    public async Task InitializeAsync() =>
        _devnet = await DevnetProcess.StartAsync("--epoch-length", "10", "--block-interval-ms", "250", "--allow-fault-injection");

    public async Task DisposeAsync()
    {
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }

    /// <summary><c>contract-cli dev drill …</c> against the devnet; fails with everything it printed unless it exits 0.</summary>
    public async Task<JsonElement> DrillAsync(params string[] args)
    {
        var result = await Devnet.Cli(["dev", "drill", .. args]);
        Assert.True(result.ExitCode == 0, $"contract-cli dev drill {string.Join(' ', args)} failed: {result}\n{Devnet.Diagnostics()}");
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    public Task<string> NodeScrapeAsync() => ScrapeAsync(Devnet.MetricsUrl);

    public Task<string> OracleScrapeAsync() => ScrapeAsync(Devnet.OracleMetricsUrl);

    /// <summary>The value of one series (name and labels exactly as exposed), 0 when the scrape does not have it yet.</summary>
    public static double Metric(string scrape, string series)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    /// <summary>Lines of a role's log that contain every one of <paramref name="parts"/>.</summary>
    public static int CountLines(string path, params string[] parts) =>
        File.Exists(path) ? DevnetProcess.ReadShared(path).Split('\n').Count(line => parts.All(part => line.Contains(part, StringComparison.Ordinal))) : 0;

    public Task WaitAsync(Func<Task<bool>> condition, string what) => Wait.UntilAsync(condition, Timeout, what, Devnet.Diagnostics);

    private static async Task<string> ScrapeAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(url);
    }
}
