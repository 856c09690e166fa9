using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using TheBlock.Client;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;
using TheBlock.Server.Commands;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Server.Treasury;
using AuditView = TheBlock.Client.Treasury.SettlementAudit;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>
/// <c>audit.settlement</c> on a node's <see cref="ChainService"/>: the same answer as the offline command, ranges
/// refused by name, and the bounds that keep audits from saturating the node: admin only, one at a time, a default
/// range of recent epochs and a maximum range, read in chunks so no snapshot holds back checkpoints.
/// </summary>
public sealed class AuditRpcMethodsTests : IDisposable
{
    private readonly SettlementAuditChain _chain = new(0, 20);
    private readonly string _dataDir;
    private readonly ChainService _service;
    private readonly RpcConcurrencyGate _gate = new(1);
    private RpcMethod _method;

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
        _method = MethodWith(new NodeOptions());
    }

    [Fact]
    public void Audit_settlement_over_rpc_is_admin_only()
    {
        Assert.Equal((TreasuryMethods.AuditSettlement, RpcRole.Admin), (_method.Name, _method.Role));
    }

    [Fact]
    public async Task The_method_answers_what_the_offline_command_prints()
    {
        var outcome = await Call("""{"from_epoch": 2, "to_epoch": 15}""");

        Assert.True(outcome.IsOk);
        var answered = JsonSerializer.Serialize(outcome.Result.Value, TreasuryJsonContext.Default.SettlementAudit);
        var stdout = new StringWriter();
        Assert.Equal(0, AuditCommand.Run(_dataDir, 2, 15, AuditCommand.Json, stdout, new StringWriter()));
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(answered).RootElement, JsonDocument.Parse(stdout.ToString()).RootElement), answered);
        var audit = (AuditView)outcome.Result.Value!;
        Assert.True(audit.Conserved);
        Assert.Equal((2UL, 15UL, 6UL, 47UL), (audit.FromEpoch, audit.ToEpoch, audit.FromHeight, audit.ToHeight));
    }

    [Fact]
    public async Task Without_params_it_audits_only_the_most_recent_epochs_through_the_head()
    {
        _method = MethodWith(new NodeOptions { AuditDefaultEpochs = 5 });

        var audit = (AuditView)(await Call("{}")).Result.Value!;

        Assert.Equal((16UL, 20UL, 48UL, _chain.HeadHeight), (audit.FromEpoch, audit.ToEpoch, audit.FromHeight, audit.ToHeight));
        Assert.True(audit.Conserved);
    }

    [Fact]
    public async Task With_only_to_epoch_it_audits_the_default_number_of_epochs_ending_there()
    {
        _method = MethodWith(new NodeOptions { AuditDefaultEpochs = 5 });

        var audit = (AuditView)(await Call("""{"to_epoch": 10}""")).Result.Value!;

        Assert.Equal((6UL, 10UL), (audit.FromEpoch, audit.ToEpoch));
        Assert.True(audit.Conserved);
    }

    [Fact]
    public async Task A_range_longer_than_the_maximum_is_refused_with_range_too_large()
    {
        _method = MethodWith(new NodeOptions { AuditMaxEpochs = 10 });

        var error = (await Call("""{"from_epoch": 0, "to_epoch": 15}""")).Error!;

        Assert.Equal((RpcErrorCodes.InvalidParams, TreasuryReasonRegistry.RangeTooLarge), (error.Code, error.Reason));
        Assert.Equal(
            "epochs 0–15 are 16 epochs; audit.settlement covers at most 10 per call (Node:AuditMaxEpochs): audit a shorter range, or the whole chain offline with the-block audit settlement --data-dir",
            error.Message);
        Assert.Equal("from_epoch", error.Details!["param"]);
        Assert.Equal(10UL, error.Details["limit_epochs"]);
    }

    [Fact]
    public async Task A_settlement_audit_while_another_runs_is_answered_busy_at_once()
    {
        using (var running = _gate.TryEnter())
        {
            Assert.NotNull(running);

            var error = (await Call("{}")).Error!;

            Assert.Equal((RpcErrorCodes.Unavailable, CoreReasonRegistry.Busy), (error.Code, error.Reason));
            Assert.Equal("audit.settlement is already running 1 at a time, the most this node allows (Node:AuditMaxConcurrent); retry when it finishes", error.Message);
            Assert.Equal(1, error.Details!["limit"]);
        }

        Assert.True((await Call("{}")).IsOk);
    }

    [Fact]
    public void The_audit_holds_no_read_snapshot_between_chunks_so_a_checkpoint_completes()
    {
        var path = NodeDataDirectory.DatabasePath(_dataDir);
        using var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        writer.Open();
        using var scratch = writer.CreateCommand();
        scratch.CommandText = "CREATE TABLE IF NOT EXISTS checkpoint_probe (n INTEGER)";
        scratch.ExecuteNonQuery();
        var checkpoints = new List<(long Busy, long Log, long Checkpointed)>();

        var outcome = _service.Reader.AuditSettlement(_service.Genesis, null, null, chunkBlocks: 8, betweenChunks: _ =>
        {
            // A write the audit's snapshot (if it still held one) could not see, then a checkpoint of everything.
            using var write = writer.CreateCommand();
            write.CommandText = "INSERT INTO checkpoint_probe VALUES (1)";
            write.ExecuteNonQuery();
            using var checkpoint = writer.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            using var reader = checkpoint.ExecuteReader();
            reader.Read();
            checkpoints.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        });

        Assert.True(outcome.Audit!.Conserved);
        Assert.True(checkpoints.Count >= 7, $"{checkpoints.Count} chunks");
        Assert.All(checkpoints, c => Assert.True(c.Busy == 0 && c.Log == c.Checkpointed, $"checkpoint left frames behind: {c}"));
    }

    [Fact]
    public void A_block_committed_during_the_audit_is_audited_with_the_stored_state_it_made()
    {
        var committed = 0;

        var outcome = _service.Reader.AuditSettlement(_service.Genesis, null, null, chunkBlocks: 8, betweenChunks: _ =>
        {
            if (committed++ < 2)
            {
                Assert.NotNull(_service.ProduceBlock());
            }
        });

        var audit = outcome.Audit!;
        Assert.True(audit.Conserved, string.Join("; ", audit.Discrepancies));
        Assert.Equal(_chain.HeadHeight + 2, audit.Range.ToHeight);
    }

    [Theory]
    [InlineData("""{"from_epoch": 5, "to_epoch": 4}""", "from_epoch", "from_epoch 5 is after to_epoch 4: the range must not run backwards")]
    [InlineData("""{"to_epoch": 21}""", "to_epoch", "to_epoch 21 is after the head's epoch 20 (height 62, 3 blocks per epoch)")]
    [InlineData("""{"from_epoch": 30}""", "from_epoch", "from_epoch 30 is after the head's epoch 20 (height 62)")]
    public async Task A_range_the_chain_cannot_answer_is_invalid_params_naming_the_param(string parameters, string param, string message)
    {
        var error = (await Call(parameters)).Error!;

        Assert.Equal((RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidParams, message), (error.Code, error.Reason, error.Message));
        Assert.Equal(param, error.Details!["param"]);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _service.Dispose();
        SqliteConnection.ClearAllPools();
        TempDirectory.Delete(_dataDir);
        _chain.Dispose();
    }

    private RpcMethod MethodWith(NodeOptions options) => Assert.Single(new AuditRpcMethods(_service, options, _gate).Methods());

    private async Task<RpcOutcome> Call(string parameters)
    {
        using var document = JsonDocument.Parse(parameters);
        return await _method.Handler(new RpcParams(document.RootElement), CancellationToken.None);
    }
}
