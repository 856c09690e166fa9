namespace TheBlock.Server.Energy.Oracle;

/// <summary>The energy-oracle role's settings (docs/ENERGY.md, "Running the oracle"); settable so configuration binding can fill them.</summary>
public sealed class OracleOptions
{
    public const string DefaultListen = "127.0.0.1:8001";
    public const string DefaultMetricsListen = "127.0.0.1:9465";

    /// <summary>The node's JSON-RPC endpoint.</summary>
    public string NodeRpcUrl { get; set; } = "http://127.0.0.1:8000/rpc";

    /// <summary>A file holding the node's oracle-role token (the node's <c>secrets/oracle.token</c>).</summary>
    public string? TokenFile { get; set; }

    /// <summary>The token itself, when not read from <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    public string Listen { get; set; } = DefaultListen;

    public string MetricsListen { get; set; } = DefaultMetricsListen;

    public string LogDir { get; set; } = "./logs";

    /// <summary>How the node and the logs name this replica; default <c>oracle@{listen}</c>.</summary>
    public string? OracleId { get; set; }

    /// <summary>Readings per call to the node, at most.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long the first reading of a batch waits for more before the batch goes.</summary>
    public int BatchDelayMs { get; set; } = 20;

    /// <summary>Readings verified and waiting for the node, at most; past it a reading is answered <c>busy</c>.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>How long a submitter waits for the node to take its reading before the answer is <c>unavailable</c>.</summary>
    public int AckTimeoutMs { get; set; } = 10_000;

    public int MaxBodyBytes { get; set; } = 1_048_576;

    public int MaxReadingsPerRequest { get; set; } = 1_000;

    public int KeySyncIntervalMs { get; set; } = 2_000;

    /// <summary>Tracking ids remembered for <c>GET /readings/{id}</c>; the oldest are forgotten first.</summary>
    public int TrackingCapacity { get; set; } = 200_000;

    /// <summary>Largest |now − timestamp| the oracle lets through, in seconds; the chain checks its own parameter again.</summary>
    public ulong MaxSkewSeconds { get; set; } = 300;

    public string ResolvedOracleId => string.IsNullOrWhiteSpace(OracleId) ? $"oracle@{Listen}" : OracleId;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(NodeRpcUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"--node-rpc \"{NodeRpcUrl}\" is not an http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(Token) && string.IsNullOrWhiteSpace(TokenFile))
        {
            problems.Add("the oracle needs the node's oracle token: --token-file <data-dir>/secrets/oracle.token (or --devnet-data-dir D)");
        }

        Check(problems, BatchSize, 1, ReadingAdmission.MaxReadingsPerCall, "batch size");
        Check(problems, BatchDelayMs, 0, 10_000, "batch delay (ms)");
        Check(problems, QueueCapacity, 1, 10_000_000, "queue capacity");
        Check(problems, AckTimeoutMs, 100, 600_000, "ack timeout (ms)");
        Check(problems, MaxBodyBytes, 1_024, 64 * 1_048_576, "max body bytes");
        Check(problems, MaxReadingsPerRequest, 1, 100_000, "max readings per request");
        Check(problems, KeySyncIntervalMs, 100, 600_000, "key sync interval (ms)");
        Check(problems, TrackingCapacity, 1, 100_000_000, "tracking capacity");
        return problems;
    }

    private static void Check(List<string> problems, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            problems.Add($"{name} is {value}; it must be between {min} and {max}");
        }
    }
}
