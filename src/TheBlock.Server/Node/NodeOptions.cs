using TheBlock.Protocol.Chain;

namespace TheBlock.Server.Node;

/// <summary>
/// The node role's configuration (section "Node"): from --config JSON, env THEBLOCK__Node__Key, then flags.
/// </summary>
public sealed class NodeOptions
{
    public const string Section = "Node";

    public string DataDir { get; set; } = "./devnet-data";

    /// <summary>Defaults to &lt;DataDir&gt;/logs.</summary>
    public string? LogDir { get; set; }

    public string NodeId { get; set; } = Environment.MachineName;

    public string RpcListen { get; set; } = "127.0.0.1:8000";

    public string MetricsListen { get; set; } = "127.0.0.1:9464";

    /// <summary>Overrides the genesis target interval when set.</summary>
    public ulong? BlockIntervalMs { get; set; }

    /// <summary>Defaults to &lt;DataDir&gt;/keys/validator.key.</summary>
    public string? ValidatorKeyFile { get; set; }

    public int MempoolCapacity { get; set; } = 50_000;

    public int MaxRequestBytes { get; set; } = 1_048_576;

    public int MaxBatchSize { get; set; } = 100;

    public int RateLimitPerSecond { get; set; } = 2000;

    /// <summary>Sum every balance after each block (the full conservation check); cheap on a devnet.</summary>
    public bool VerifyConservationEveryBlock { get; set; }

    public bool VerboseLogs { get; set; }

    /// <summary>Lets an admin switch on injected failures over RPC (<c>debug.fault.set</c>, see <see cref="FaultInjection"/>); off by default.</summary>
    public bool AllowFaultInjection { get; set; }

    /// <summary>Runs the treasury executor when this node's key is a genesis executor.</summary>
    public bool TreasuryExecutor { get; set; } = true;

    /// <summary>How long the executor's lease lasts; renewed when half of it is left.</summary>
    public ulong ExecutorLeaseTtlSeconds { get; set; } = 60;

    /// <summary>
    /// Payouts the executor submits per tick at most; the rest follow in the next ticks (one per block). Bounds a
    /// tick's time and the mempool burst when a large backlog matures at once.
    /// </summary>
    public int ExecutorMaxPayoutsPerTick { get; set; } = 100;

    /// <summary>Blocks a payout may wait for inclusion before the executor reports <c>consensus_timeout</c>.</summary>
    public ulong ExecutorInclusionTimeoutBlocks { get; set; } = 10;

    public string ResolvedLogDir => LogDir ?? Path.Combine(DataDir, "logs");

    public string ResolvedValidatorKeyFile => ValidatorKeyFile ?? NodeDataDirectory.ValidatorKeyPath(DataDir);

    /// <summary>Every invalid setting, each naming its key.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("Node:DataDir must be set");
        }

        if (string.IsNullOrWhiteSpace(NodeId) || NodeId.Length > Protocol.Transactions.ExecutorLeasePayload.MaxHolderLength)
        {
            problems.Add($"Node:NodeId must be 1 to {Protocol.Transactions.ExecutorLeasePayload.MaxHolderLength} characters (it names the treasury executor lease holder)");
        }

        if (ExecutorLeaseTtlSeconds is < 2 or > 86_400)
        {
            problems.Add($"Node:ExecutorLeaseTtlSeconds is {ExecutorLeaseTtlSeconds}; it must be between 2 and 86400 (and at most the genesis max_lease_ttl_seconds)");
        }

        if (ExecutorMaxPayoutsPerTick is < 1 or > 10_000)
        {
            problems.Add($"Node:ExecutorMaxPayoutsPerTick is {ExecutorMaxPayoutsPerTick}; it must be between 1 and 10000");
        }

        if (ExecutorInclusionTimeoutBlocks is < 1 or > 100_000)
        {
            problems.Add($"Node:ExecutorInclusionTimeoutBlocks is {ExecutorInclusionTimeoutBlocks}; it must be between 1 and 100000");
        }

        foreach (var (key, value) in new[] { ("Node:RpcListen", RpcListen), ("Node:MetricsListen", MetricsListen) })
        {
            if (!ListenAddress.TryParse(value, out _, out var error))
            {
                problems.Add($"{key} {error}");
            }
        }

        if (BlockIntervalMs is < ChainParameters.MinBlockIntervalMs or > 3_600_000)
        {
            problems.Add($"Node:BlockIntervalMs is {BlockIntervalMs}; it must be between {ChainParameters.MinBlockIntervalMs} and 3600000");
        }

        if (MempoolCapacity < 1)
        {
            problems.Add("Node:MempoolCapacity must be at least 1");
        }

        if (MaxRequestBytes < 1024)
        {
            problems.Add("Node:MaxRequestBytes must be at least 1024");
        }

        if (MaxBatchSize < 1)
        {
            problems.Add("Node:MaxBatchSize must be at least 1");
        }

        if (RateLimitPerSecond < 1)
        {
            problems.Add("Node:RateLimitPerSecond must be at least 1");
        }

        return problems;
    }
}
