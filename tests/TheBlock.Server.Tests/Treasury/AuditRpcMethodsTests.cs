using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Client.Dto;
using AuditView = TheBlock.Client.Dto.SettlementAudit;
using TheBlock.Server.Commands;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Server.Treasury;

namespace TheBlock.Server.Tests.Treasury;

/// <summary><c>audit.settlement</c> on a node's <see cref="ChainService"/>: the same answer as the offline command, and ranges refused by name.</summary>
public sealed class AuditRpcMethodsTests : IDisposable
{
    private readonly SettlementAuditChain _chain = new(0, 20);
    private readonly string _dataDir;
    private readonly ChainService _service;
    private readonly RpcMethod _method;

    public AuditRpcMethodsTests()
    {
        _dataDir = _chain.CopyDataDir();
        using (var validator = SettlementAuditChain.KeyFor(SettlementAuditChain.ValidatorLabel))
        {
            KeyFile.Write(NodeDataDirectory.ValidatorKeyPath(_dataDir), validator.ExportSeed());
        }

        _service = ChainService.Open(
            new NodeOptions { DataDir = _dataDir },
            new NodeMetrics(Metrics.WithCustomRegistry(Metrics.NewCustomRegistry())),
            NullLoggerFactory.Instance,
            TimeProvider.System);
        _method = Assert.Single(new AuditRpcMethods(_service).Methods());
    }

    [Fact]
    public async Task The_method_is_public_and_answers_what_the_offline_command_prints()
    {
        var outcome = await Call("""{"from_epoch": 2, "to_epoch": 15}""");

        Assert.Equal((AuditRpcMethods.Settlement, RpcRole.Public), (_method.Name, _method.Role));
        Assert.True(outcome.IsOk);
        var answered = JsonSerializer.Serialize(outcome.Result.Value, ClientJsonContext.Default.SettlementAudit);
        var stdout = new StringWriter();
        Assert.Equal(0, AuditCommand.Run(_dataDir, 2, 15, AuditCommand.Json, stdout, new StringWriter()));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(answered).RootElement, JsonDocument.Parse(stdout.ToString()).RootElement), answered);
        var audit = (AuditView)outcome.Result.Value!;
        Assert.True(audit.Conserved);
        Assert.Equal((2UL, 15UL, 6UL, 47UL), (audit.FromEpoch, audit.ToEpoch, audit.FromHeight, audit.ToHeight));
    }

    [Fact]
    public async Task Without_params_it_audits_from_genesis_through_the_head()
    {
        var audit = (AuditView)(await Call("{}")).Result.Value!;

        Assert.Equal((0UL, 20UL, 0UL, _chain.HeadHeight), (audit.FromEpoch, audit.ToEpoch, audit.FromHeight, audit.ToHeight));
        Assert.True(audit.Conserved);
    }

    [Theory]
    [InlineData("""{"from_epoch": 5, "to_epoch": 4}""", "from_epoch", "from_epoch 5 is after to_epoch 4: the range must not run backwards")]
    [InlineData("""{"to_epoch": 21}""", "to_epoch", "to_epoch 21 is after the head's epoch 20 (height 62, 3 blocks per epoch)")]
    [InlineData("""{"from_epoch": 30}""", "from_epoch", "from_epoch 30 is after the head's epoch 20 (height 62)")]
    public async Task A_range_the_chain_cannot_answer_is_invalid_params_naming_the_param(string parameters, string param, string message)
    {
        var error = (await Call(parameters)).Error!;

        Assert.Equal((RpcErrorCodes.InvalidParams, RpcErrorReasons.InvalidParams, message), (error.Code, error.Reason, error.Message));
        Assert.Equal(param, error.Details!["param"]);
    }

    public void Dispose()
    {
        _service.Dispose();
        SqliteConnection.ClearAllPools();
        SettlementAuditChain.DeleteDirectory(_dataDir);
        _chain.Dispose();
    }

    private async Task<RpcOutcome> Call(string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return await _method.Handler(new RpcParams(document.RootElement), CancellationToken.None);
    }
}
