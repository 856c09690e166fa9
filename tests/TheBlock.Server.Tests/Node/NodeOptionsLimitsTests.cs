using TheBlock.Server.Node;

namespace TheBlock.Server.Tests.Node;

/// <summary>The RPC work limits are checked at start-up: a contradictory or empty limit stops the node, naming its key.</summary>
public sealed class NodeOptionsLimitsTests
{
    [Fact]
    public void The_default_limits_are_valid()
    {
        Assert.Empty(new NodeOptions().Problems());
    }

    [Theory]
    [InlineData(nameof(NodeOptions.AuditMaxConcurrent), "Node:AuditMaxConcurrent is 0; it must be between 1 and 64")]
    [InlineData(nameof(NodeOptions.AuditDefaultEpochs), "Node:AuditDefaultEpochs is 20000; it must be between 1 and Node:AuditMaxEpochs (10000)")]
    [InlineData(nameof(NodeOptions.MaxResponseBytes), "Node:MaxResponseBytes must be at least 1024")]
    [InlineData(nameof(NodeOptions.MaxBatchResponseBytes), "Node:MaxBatchResponseBytes is 1024; it must be at least Node:MaxResponseBytes (8388608)")]
    public void A_limit_out_of_range_is_a_problem_naming_its_key(string key, string problem)
    {
        var options = new NodeOptions();
        switch (key)
        {
            case nameof(NodeOptions.AuditMaxConcurrent):
                options.AuditMaxConcurrent = 0;
                break;
            case nameof(NodeOptions.AuditDefaultEpochs):
                options.AuditDefaultEpochs = 20_000;
                break;
            case nameof(NodeOptions.MaxResponseBytes):
                options.MaxResponseBytes = 100;
                options.MaxBatchResponseBytes = 100;
                break;
            default:
                options.MaxBatchResponseBytes = 1024;
                break;
        }

        Assert.Equal([problem], options.Problems());
    }
}
