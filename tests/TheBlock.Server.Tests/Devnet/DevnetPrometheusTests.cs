using TheBlock.Server.Devnet;

namespace TheBlock.Server.Tests.Devnet;

public sealed class DevnetPrometheusTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("theblock-devnet-prometheus-").FullName;

    private static readonly Dictionary<string, string> NodeAndOracle = new()
    {
        [DevnetPrometheus.JobName("node")] = "127.0.0.1:19464",
        [DevnetPrometheus.JobName("energy-oracle")] = "127.0.0.1:19465",
    };

    [Fact]
    public void The_configuration_scrapes_the_devnets_listeners_and_leaves_out_roles_it_does_not_run()
    {
        var config = File.ReadAllText(DevnetPrometheus.Write(_dataDir, 10, NodeAndOracle));

        Assert.Contains("- targets: [\"127.0.0.1:19464\"]", config, StringComparison.Ordinal);
        Assert.Contains("- targets: [\"127.0.0.1:19465\"]", config, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1:9464", config, StringComparison.Ordinal);
        Assert.DoesNotContain("the-block-receipt-emitter", config, StringComparison.Ordinal);
        Assert.Contains("role: energy-oracle", config, StringComparison.Ordinal);
        Assert.DoesNotContain("role: receipt-emitter", config, StringComparison.Ordinal);
        Assert.Contains("  scrape_interval: 1s\n", config, StringComparison.Ordinal);
        Assert.Contains("  evaluation_interval: 1s\n", config, StringComparison.Ordinal);
        Assert.Contains("rules/*.yml", config, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9093", config, StringComparison.Ordinal);
    }

    [Fact]
    public void At_scale_one_the_rules_are_the_deployed_ones_and_the_intervals_too()
    {
        var config = File.ReadAllText(DevnetPrometheus.Write(_dataDir, 1, NodeAndOracle));

        Assert.Contains("  scrape_interval: 5s\n", config, StringComparison.Ordinal);
        var deployed = Repository.PathOf("deploy", "prometheus", "rules");
        foreach (var rules in Directory.GetFiles(deployed, "*.yml"))
        {
            var written = File.ReadAllText(Path.Combine(_dataDir, DevnetPrometheus.DirectoryName, "rules", Path.GetFileName(rules)));
            Assert.EndsWith(File.ReadAllText(rules), written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_deployed_rules_file_is_written_with_its_windows_divided()
    {
        DevnetPrometheus.Write(_dataDir, 10, NodeAndOracle);

        var deployed = Directory.GetFiles(Repository.PathOf("deploy", "prometheus", "rules"), "*.yml").Select(Path.GetFileName).Order();
        var written = Directory.GetFiles(Path.Combine(_dataDir, DevnetPrometheus.DirectoryName, "rules"), "*.yml").Select(Path.GetFileName).Order();
        Assert.Equal(deployed, written);
        var energy = File.ReadAllText(Path.Combine(_dataDir, DevnetPrometheus.DirectoryName, "rules", "energy.yml"));
        Assert.Contains("rate(oracle_latency_seconds_bucket[30s])", energy, StringComparison.Ordinal);
        Assert.Contains("for: 30s", energy, StringComparison.Ordinal);
        Assert.Contains("oracle_latency_seconds_p95 > 10", energy, StringComparison.Ordinal);
        Assert.DoesNotContain("[5m]", energy, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rules_file_no_longer_deployed_does_not_outlive_the_next_start()
    {
        var rulesDir = Path.Combine(_dataDir, DevnetPrometheus.DirectoryName, "rules");
        Directory.CreateDirectory(rulesDir);
        File.WriteAllText(Path.Combine(rulesDir, "retired.yml"), "groups: []\n");

        DevnetPrometheus.Write(_dataDir, 10, NodeAndOracle);

        Assert.False(File.Exists(Path.Combine(rulesDir, "retired.yml")));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
