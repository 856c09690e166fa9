using Prometheus;
using TheBlock.Protocol.Energy;
using TheBlock.Server.Energy;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Energy;

/// <summary>The energy metrics' label sets exist from the start, and a refused reading is counted where the runbook looks for it.</summary>
public sealed class EnergyMetricsTests
{
    private readonly EnergyMetrics _metrics = new(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()));

    [Fact]
    public void Every_label_the_runbook_queries_reads_zero_before_anything_happens()
    {
        Assert.Equal(EnergyReasons.Reading.Order(), _metrics.ReadingRejections.GetAllLabelValues().Select(labels => labels[0]).Order());
        Assert.Equal(EnergyReasons.SignatureVerification.Order(), _metrics.SignatureFailures.GetAllLabelValues().Select(labels => labels[0]).Order());
        Assert.Equal(ProviderStatuses.All.Select(ProviderStatuses.Name).Order(), _metrics.Providers.GetAllLabelValues().Select(labels => labels[0]).Order());
    }

    [Fact]
    public void A_signature_reason_counts_in_both_series_and_any_other_reading_reason_in_rejections_only()
    {
        _metrics.CountRejection(EnergyReasons.KeyNotFound);
        _metrics.CountRejection(EnergyReasons.TimestampSkew);

        Assert.Equal(1, _metrics.SignatureFailures.WithLabels(EnergyReasons.KeyNotFound).Value);
        Assert.Equal(1, _metrics.ReadingRejections.WithLabels(EnergyReasons.KeyNotFound).Value);
        Assert.Equal(1, _metrics.ReadingRejections.WithLabels(EnergyReasons.TimestampSkew).Value);
        Assert.Equal(4, _metrics.SignatureFailures.GetAllLabelValues().Count());
    }

    [Fact]
    public void A_reason_that_is_not_a_reading_reason_is_a_bug_in_the_caller()
    {
        var error = Assert.Throws<ArgumentException>(() => _metrics.CountRejection("bad_signature"));

        Assert.StartsWith("\"bad_signature\" is not a reading reason", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_up_counts_set_the_gauges()
    {
        _metrics.SetInitial(new EnergyOpenTotals(3, 120, 2), [ProviderStatus.Active, ProviderStatus.Active, ProviderStatus.Suspended]);

        Assert.Equal((3, 120, 2), (_metrics.PendingCredits.Value, _metrics.PendingKwh.Value, _metrics.ActiveDisputes.Value));
        Assert.Equal(2, _metrics.Providers.WithLabels("active").Value);
        Assert.Equal(1, _metrics.Providers.WithLabels("suspended").Value);
        Assert.Equal(0, _metrics.Providers.WithLabels("unregistered").Value);
    }
}
