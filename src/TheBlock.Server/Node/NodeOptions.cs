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

    /// <summary>Bytes one JSON-RPC answer may take; a larger result is answered <c>response_too_large</c>.</summary>
    public int MaxResponseBytes { get; set; } = 8 * 1_048_576;

    /// <summary>Bytes a batch's answers may take in all; the rest of the batch is answered <c>response_too_large</c>, not run.</summary>
    public int MaxBatchResponseBytes { get; set; } = 16 * 1_048_576;

    /// <summary>Expensive reads (<c>audit.settlement</c>, <c>receipts.validate</c>) running at once at most; one more is answered <c>busy</c>.</summary>
    public int AuditMaxConcurrent { get; set; } = 1;

    /// <summary>Epochs <c>audit.settlement</c> covers when <c>from_epoch</c> is absent: the most recent ones, through <c>to_epoch</c>.</summary>
    public ulong AuditDefaultEpochs { get; set; } = 100;

    /// <summary>Epochs one <c>audit.settlement</c> call may cover at most (<c>range_too_large</c>); the offline audit has no limit.</summary>
    public ulong AuditMaxEpochs { get; set; } = 10_000;

    /// <summary>Sum every balance after each block (the full conservation check); cheap on a devnet.</summary>
    public bool VerifyConservationEveryBlock { get; set; }

    public bool VerboseLogs { get; set; }

    /// <summary>Lets an admin switch on injected failures over RPC (<c>debug.fault.set</c>, see <see cref="Faults.FaultInjection"/>); off by default.</summary>
    public bool AllowFaultInjection { get; set; }

    /// <summary>
    /// How long a delay fault (a module's <see cref="Faults.IFaultSwitch"/> that slows a call instead of failing it) holds
    /// each call while it is on. The default puts every held call past the runbook's 10 s latency warning on its own
    /// (a caller that waits for each answer before the next call is still slower than 10 s) and inside the 30 s an RPC
    /// client waits, so a caller sees a slow node, not an unreachable one.
    /// </summary>
    public int FaultDelayMs { get; set; } = 12_000;

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

    /// <summary>The longest <see cref="FaultDelayMs"/>: a held call must still answer before its caller gives up.</summary>
    public const int MaxFaultDelayMs = 25_000;

    public string ResolvedLogDir => LogDir ?? Path.Combine(DataDir, "logs");

    public string ResolvedValidatorKeyFile => ValidatorKeyFile ?? NodeDataDirectory.ValidatorKeyPath(DataDir);

    /// <summary>The devnet's node: one well-known id and the full conservation check after every block.</summary>
    public static NodeOptions ForDevnet() => new() { NodeId = "devnet-node", VerifyConservationEveryBlock = true };

    /// <summary>Stops start-up with one line naming every invalid key.</summary>
    public void ThrowIfInvalid()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new StartupException("invalid configuration: " + string.Join("; ", problems));
        }
    }

    /// <summary>Every invalid setting, each naming its key.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDir))
        {
            problems.Add("Node:DataDir must be set");
        }

        if (string.IsNullOrWhiteSpace(NodeId) || NodeId.Length > Protocol.Treasury.ExecutorLeasePayload.MaxHolderLength)
        {
            problems.Add($"Node:NodeId must be 1 to {Protocol.Treasury.ExecutorLeasePayload.MaxHolderLength} characters (it names the treasury executor lease holder)");
        }

        if (ExecutorLeaseTtlSeconds is < 2 or > 86_400)
        {
            problems.Add($"Node:ExecutorLeaseTtlSeconds is {ExecutorLeaseTtlSeconds}; it must be between 2 and 86400 (and at most the genesis governance.max_lease_ttl_seconds)");
        }

        if (ExecutorMaxPayoutsPerTick is < 1 or > 10_000)
        {
            problems.Add($"Node:ExecutorMaxPayoutsPerTick is {ExecutorMaxPayoutsPerTick}; it must be between 1 and 10000");
        }

        if (FaultDelayMs is < 1 or > MaxFaultDelayMs)
        {
            problems.Add($"Node:FaultDelayMs is {FaultDelayMs}; it must be between 1 and {MaxFaultDelayMs} (below the 30 s an RPC client waits)");
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

        if (AuditMaxConcurrent is < 1 or > 64)
        {
            problems.Add($"Node:AuditMaxConcurrent is {AuditMaxConcurrent}; it must be between 1 and 64");
        }

        if (AuditMaxEpochs < 1)
        {
            problems.Add("Node:AuditMaxEpochs must be at least 1");
        }

        if (AuditDefaultEpochs < 1 || AuditDefaultEpochs > AuditMaxEpochs)
        {
            problems.Add($"Node:AuditDefaultEpochs is {AuditDefaultEpochs}; it must be between 1 and Node:AuditMaxEpochs ({AuditMaxEpochs})");
        }

        if (MaxResponseBytes < 1024)
        {
            problems.Add("Node:MaxResponseBytes must be at least 1024");
        }

        if (MaxBatchResponseBytes < MaxResponseBytes)
        {
            problems.Add($"Node:MaxBatchResponseBytes is {MaxBatchResponseBytes}; it must be at least Node:MaxResponseBytes ({MaxResponseBytes})");
        }

        return problems;
    }

    /// <summary>
    /// Settings the chain's genesis would refuse, known only once the chain is open; each names its key. A lease ttl
    /// above the genesis maximum makes the chain refuse every renewal, so the executor would never pay.
    /// </summary>
    public IReadOnlyList<string> ProblemsAgainst(Protocol.Governance.GovernanceParameters governance) =>
        TreasuryExecutor && ExecutorLeaseTtlSeconds > governance.MaxLeaseTtlSeconds
            ? [$"Node:ExecutorLeaseTtlSeconds is {ExecutorLeaseTtlSeconds}; it must be at most the genesis governance.max_lease_ttl_seconds ({governance.MaxLeaseTtlSeconds}), or the chain refuses every lease renewal (or set Node:TreasuryExecutor to false)"]
            : [];
}
