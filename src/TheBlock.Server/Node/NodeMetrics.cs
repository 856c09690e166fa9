using Prometheus;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Node;

/// <summary>The node role's own metrics (spec/node.md), created on the role's registry.</summary>
public sealed class NodeMetrics
{
    public NodeMetrics(IMetricFactory factory)
    {
        BlockHeightTotal = factory.CreateCounter("block_height_total", "Blocks committed since genesis; restored on restart so it never goes backwards.");
        BlockHeight = factory.CreateGauge("block_height", "Height of the last committed block.");
        Epoch = factory.CreateGauge("chain_epoch", "Epoch of the last committed block (height / epoch_length).");
        BlockProduction = factory.CreateHistogram(
            "block_production_seconds",
            "Time to build, apply and durably commit one block.",
            new HistogramConfiguration { Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        MempoolTransactions = factory.CreateGauge("mempool_transactions", "Transactions admitted and waiting for a block.");
        ConsensusHealthy = factory.CreateGauge("node_consensus_healthy", "1 while blocks are committed on schedule, 0 when production has stalled.");
        TransactionsRejected = factory.CreateCounter(
            "transactions_rejected_total",
            "Transactions refused at admission or left out of a block, by reason.",
            new CounterConfiguration { LabelNames = ["reason"] });
        foreach (var reason in RejectionReasons.All)
        {
            // Every reason reads 0 from the start, so rate() and increase() have a series to work on.
            TransactionsRejected.WithLabels(reason);
        }

        TransactionsCommitted = factory.CreateCounter("transactions_committed_total", "Transactions included in committed blocks.");
        BlockCommitFailures = factory.CreateCounter("block_commit_failures_total", "Blocks whose durable commit failed (storage errors); the block is retried.");
        BlocksRefused = factory.CreateCounter(
            "blocks_refused_total",
            "Blocks the protocol refused to produce, by reason (supply_overflow: the reward would take the supply past the ledger's range).",
            new CounterConfiguration { LabelNames = ["reason"] });
        BlocksRefused.WithLabels(BlockRewards.SupplyOverflow);
        IndexFailures = factory.CreateCounter(
            "chain_index_failures_total",
            "Background index (or WAL checkpoint) rounds that failed; each is retried with backoff while blocks keep committing.");
        ChainHalted = factory.CreateGauge("chain_halted", "1 once block production has halted (ChainHalted in node.log) and the process is exiting non-zero; 0 while it runs.");
    }

    public Counter BlockHeightTotal { get; }

    public Gauge BlockHeight { get; }

    public Gauge Epoch { get; }

    public Histogram BlockProduction { get; }

    public Gauge MempoolTransactions { get; }

    public Gauge ConsensusHealthy { get; }

    public Counter TransactionsRejected { get; }

    public Counter TransactionsCommitted { get; }

    public Counter BlockCommitFailures { get; }

    public Counter BlocksRefused { get; }

    public Counter IndexFailures { get; }

    public Gauge ChainHalted { get; }

    public void OnHead(ChainHead head)
    {
        BlockHeightTotal.IncTo(head.Height);
        BlockHeight.Set(head.Height);
        Epoch.Set(head.Epoch);
    }
}
