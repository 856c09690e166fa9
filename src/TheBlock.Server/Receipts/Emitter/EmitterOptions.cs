using TheBlock.Protocol.Receipts;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>The receipt-emitter role's settings (docs/RECEIPTS.md, "The receipt-emitter role"); settable so configuration binding can fill them.</summary>
public sealed class EmitterOptions
{
    public const string DefaultListen = "127.0.0.1:8002";
    public const string DefaultMetricsListen = "127.0.0.1:9466";

    /// <summary>The node's JSON-RPC endpoint.</summary>
    public string NodeRpcUrl { get; set; } = "http://127.0.0.1:8000/rpc";

    /// <summary>A file holding the node's emitter-role token (the node's <c>secrets/emitter.token</c>).</summary>
    public string? TokenFile { get; set; }

    /// <summary>The token itself, when not read from <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    public string Listen { get; set; } = DefaultListen;

    public string MetricsListen { get; set; } = DefaultMetricsListen;

    /// <summary>Where the queue database lives (<c>emitter.db</c>): accepted receipts and the validation state.</summary>
    public string DataDir { get; set; } = "./receipt-emitter-data";

    public string LogDir { get; set; } = "./logs";

    /// <summary>How the node and the logs name this emitter; default <c>emitter@{listen}</c>.</summary>
    public string? EmitterId { get; set; }

    /// <summary>The URL the node calls back (validation-state reset); default <c>http://{listen}</c>.</summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>Receipts per batch sent to the node, at most.</summary>
    public int BatchSize { get; set; } = ReceiptsLimits.MaxBatchReceipts;

    /// <summary>How long the forwarder lets a batch fill after receipts arrive.</summary>
    public int BatchDelayMs { get; set; } = 20;

    /// <summary>Batches on their way to the node at once: while the node checks one, the next is read and sent.</summary>
    public int BatchesInFlight { get; set; } = 4;

    /// <summary>Receipts accepted and not yet seen in a block, at most; past it a receipt is answered <c>busy</c>.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    public int MaxBodyBytes { get; set; } = 1_048_576;

    public int MaxReceiptsPerRequest { get; set; } = 1_000;

    /// <summary>How often the providers and agreements are synced from the node (each sync is also the emitter's heartbeat).</summary>
    public int SyncIntervalMs { get; set; } = 1_000;

    /// <summary>How long a submitted batch may stay unknown to the node before it is taken as lost and sent again.</summary>
    public int LostBatchTimeoutMs { get; set; } = 10_000;

    /// <summary>Outcomes (included, rejected) remembered for <c>GET /receipts/{id}</c>; the oldest are forgotten first.</summary>
    public int OutcomeCapacity { get; set; } = 200_000;

    public string ResolvedEmitterId => string.IsNullOrWhiteSpace(EmitterId) ? $"emitter@{Listen}" : EmitterId;

    public string ResolvedAdvertisedUrl => string.IsNullOrWhiteSpace(AdvertisedUrl) ? $"http://{Listen}" : AdvertisedUrl.TrimEnd('/');

    public string DatabasePath => Path.Combine(DataDir, "emitter.db");

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(NodeRpcUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            problems.Add($"--node-rpc \"{NodeRpcUrl}\" is not an http(s) URL");
        }

        if (string.IsNullOrWhiteSpace(Token) && string.IsNullOrWhiteSpace(TokenFile))
        {
            problems.Add("the emitter needs the node's emitter token: --token-file <data-dir>/secrets/emitter.token (or --devnet-data-dir D)");
        }

        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("--data-dir must name the directory of the emitter's queue database");
        }

        Check(problems, BatchSize, 1, ReceiptsLimits.MaxBatchReceipts, "batch size");
        Check(problems, BatchDelayMs, 0, 10_000, "batch delay (ms)");
        Check(problems, BatchesInFlight, 1, 4, "batches in flight");
        Check(problems, QueueCapacity, 1, 10_000_000, "queue capacity");
        Check(problems, MaxBodyBytes, 1_024, 64 * 1_048_576, "max body bytes");
        Check(problems, MaxReceiptsPerRequest, 1, 100_000, "max receipts per request");
        Check(problems, SyncIntervalMs, 100, 600_000, "sync interval (ms)");
        Check(problems, LostBatchTimeoutMs, 500, 3_600_000, "lost batch timeout (ms)");
        Check(problems, OutcomeCapacity, 1, 100_000_000, "outcome capacity");
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
