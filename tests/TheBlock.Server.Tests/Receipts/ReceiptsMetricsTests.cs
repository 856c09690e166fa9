using Prometheus;
using TheBlock.Protocol;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Receipts;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>The receipt metrics exist for every market and reason from the start, and a restart resumes the emitted counts from the index.</summary>
public sealed class ReceiptsMetricsTests
{
    private readonly ReceiptsMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Fact]
    public void Every_market_and_reason_reads_zero_before_anything_happens()
    {
        _metrics.Restore(StandardChain.Modules.ReceiptMarkets, new Dictionary<string, ulong>());

        Assert.Equal(["ad", "compute", "energy", "storage"], _metrics.Emitted.GetAllLabelValues().Select(labels => labels[0]).Order(StringComparer.Ordinal));
        Assert.Equal(ReceiptReasons.Validation.Order(StringComparer.Ordinal), _metrics.ValidationErrors.GetAllLabelValues().Select(labels => labels[0]).Order(StringComparer.Ordinal));
        Assert.All(_metrics.Emitted.GetAllLabelValues(), labels => Assert.Equal(0, _metrics.Emitted.WithLabels(labels).Value));
    }

    [Fact]
    public void A_restart_resumes_each_market_from_its_stored_total_so_the_counter_never_decreases()
    {
        _metrics.Restore(StandardChain.Modules.ReceiptMarkets, new Dictionary<string, ulong> { ["storage"] = 1_234, ["energy"] = 56 });
        _metrics.CountEmitted("storage", 6);

        Assert.Equal(1_240, _metrics.Emitted.WithLabels("storage").Value);
        Assert.Equal(56, _metrics.Emitted.WithLabels("energy").Value);
        Assert.Equal(0, _metrics.Emitted.WithLabels("ad").Value);
    }

    [Fact]
    public void A_refusal_counts_under_its_reason_and_its_market()
    {
        _metrics.CountRefusal("compute", ReceiptReasons.SignatureInvalid);
        _metrics.CountRefusal("ad", ReceiptReasons.SignatureInvalid);

        Assert.Equal(2, _metrics.ValidationErrors.WithLabels(ReceiptReasons.SignatureInvalid).Value);
        var refusals = _metrics.Refusals.Snapshot();
        Assert.Equal(1UL, RefusalTally.Sum(refusals, "compute")[ReceiptReasons.SignatureInvalid]);
        Assert.Equal(2UL, RefusalTally.Sum(refusals, null)[ReceiptReasons.SignatureInvalid]);
        Assert.Equal(0UL, RefusalTally.Sum(refusals, "storage")[ReceiptReasons.SchemaMismatch]);
    }
}
