using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Server.Rpc;
using TheBlock.Server.Tests.Energy;
using TheBlock.Server.Tests.Rpc;
using TheBlock.Storage.Receipts;
using TheBlock.Testing.Receipts;

namespace TheBlock.Server.Tests.Receipts;

/// <summary>
/// The receipts module on a real node over HTTP (100 ms blocks): the funded dev key registers storage_001 and buys
/// from it; the test plays the receipt-emitter with the node's emitter token.
/// </summary>
public sealed class ReceiptsNodeTests
{
    private const string Provider = "storage_001";
    private static readonly TimeSpan IncludeWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Admitted_receipts_are_included_once_then_listed_shown_counted_and_validated()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        var before = await Scrape(node);
        foreach (var market in new[] { "energy", "storage", "compute", "ad" })
        {
            Assert.Equal(0, Sample(before, $"receipt_emitted_total{{market=\"{market}\"}}"));
        }

        foreach (var reason in ReceiptReasons.Validation)
        {
            Assert.Equal(0, Sample(before, $"receipt_validation_errors_total{{reason=\"{reason}\"}}"));
        }

        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Register(ServiceMarket.Storage, Provider));
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Open(ServiceMarket.Storage, Provider, 3, 10_000));
        var first = ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 5, 1);
        var second = ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 7, 2);

        var admitted = await Submit(node, driver, first, second);
        Assert.All(admitted, verdict => Assert.Equal(ReceiptVerdict.Admitted, verdict.GetProperty("status").GetString()));
        Assert.Equal(first.ReceiptId.ToString(), admitted[0].GetProperty("receipt_id").GetString());

        var listed = JsonElement.Parse(await Wait.UntilAsync(
            async () =>
            {
                var list = await driver.ResultAsync(ReceiptsMethods.List, """{"market":"storage"}""");
                return list.GetProperty("receipts").GetArrayLength() == 2 ? list.GetRawText() : null;
            },
            IncludeWait,
            "both receipts included"));
        var newest = listed.GetProperty("receipts")[0];
        Assert.Equal(second.ReceiptId.ToString(), newest.GetProperty("receipt_id").GetString());
        Assert.Equal(21UL, newest.GetProperty("amount").GetUInt64());
        Assert.Equal(driver.Dev.Address.ToString(), newest.GetProperty("buyer").GetString());
        Assert.Equal("contract-2", newest.GetProperty("fields").GetProperty("contract_id").GetString());

        var again = await Submit(node, driver, first);
        Assert.Equal(ReceiptVerdict.Included, again[0].GetProperty("status").GetString());
        var height = again[0].GetProperty("block_height").GetUInt64();

        var shown = await driver.ResultAsync(ReceiptsMethods.Show, $$"""{"id":"{{first.ReceiptId}}"}""");
        Assert.Equal((1UL, 15UL, height), (shown.GetProperty("nonce").GetUInt64(), shown.GetProperty("amount").GetUInt64(), shown.GetProperty("block_height").GetUInt64()));
        Assert.Equal(1UL, shown.GetProperty("agreement_id").GetUInt64());

        var stats = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""");
        Assert.Equal(2UL, stats.GetProperty("emitted_total").GetUInt64());
        Assert.Equal(1UL, stats.GetProperty("active_providers").GetUInt64());
        Assert.Equal(height, stats.GetProperty("last_emitted_height").GetUInt64());
        var all = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"all"}""");
        Assert.Equal(["ad", "compute", "energy", "storage"], all.GetProperty("markets").EnumerateArray().Select(m => m.GetProperty("market").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(2UL, all.GetProperty("emitted_total").GetUInt64());

        var metrics = await Scrape(node);
        Assert.Equal(2, Sample(metrics, "receipt_emitted_total{market=\"storage\"}"));
        var log = Path.Combine(node.DataDir, "logs", "receipts.log");
        await Wait.UntilAsync(
            () => File.Exists(log) && File.ReadAllText(log).Contains("ReceiptsEmitted market=storage count=", StringComparison.Ordinal),
            IncludeWait,
            "receipts.log names the storage market");

        var validation = await driver.ResultAsync(ReceiptsMethods.Validate, """{"from_block":1}""");
        Assert.Empty(validation.GetProperty("invalid").EnumerateArray());
        Assert.Equal(2UL, validation.GetProperty("valid").GetUInt64());

        using (var connection = new SqliteConnection($"Data Source={NodeDataDirectory.DatabasePath(node.DataDir)}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE receipts SET amount = 999 WHERE id_key = $key";
            command.Parameters.AddWithValue("$key", ReceiptKey.Of(first.ReceiptId));
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var corrupted = await driver.ResultAsync(ReceiptsMethods.Validate, $$"""{"from_block":1,"to_block":{{height}}}""");
        var invalid = Assert.Single(corrupted.GetProperty("invalid").EnumerateArray());
        Assert.Equal(first.ReceiptId.ToString(), invalid.GetProperty("receipt_id").GetString());
        Assert.Equal(height, invalid.GetProperty("block_height").GetUInt64());
        Assert.Equal(ReceiptReasons.AgreementInvalid, invalid.GetProperty("reason").GetString());
        Assert.Equal("storage", invalid.GetProperty("market").GetString());
        Assert.Contains("999", invalid.GetProperty("message").GetString(), StringComparison.Ordinal);

        TamperStoredSignature(node, second);
        var tampered = await driver.ResultAsync(ReceiptsMethods.Validate, $$"""{"from_block":1,"to_block":{{height}}}""");
        var forged = tampered.GetProperty("invalid").EnumerateArray().Single(i => i.GetProperty("receipt_id").GetString() == second.ReceiptId.ToString());
        Assert.Equal(ReceiptReasons.SignatureInvalid, forged.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Each_check_refuses_its_receipt_with_its_reason_and_a_nonce_is_never_admitted_twice()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Register(ServiceMarket.Storage, Provider));
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Open(ServiceMarket.Storage, Provider, 3, 100));

        var verdicts = await Submit(
            node,
            driver,
            [
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 30, 1)),
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 2, 1)),
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 0, 2)),
                "bm90IGEgcmVjZWlwdA==",
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 1, 3, key: ReceiptsScenario.OtherKey)),
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 99, 1, 4)),
                ReceiptsScenario.Wire(ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 5, 5)),
            ]);

        Assert.Equal(
            [
                ReceiptVerdict.Admitted, ReceiptReasons.DuplicateDetection, ReceiptReasons.SchemaMismatch, ReceiptReasons.SchemaMismatch,
                ReceiptReasons.SignatureInvalid, ReceiptReasons.AgreementInvalid, ReceiptReasons.InsufficientFunds,
            ],
            verdicts.Select(v => v.GetProperty("status").GetString() == ReceiptVerdict.Rejected ? v.GetProperty("reason").GetString() : v.GetProperty("status").GetString()));
        Assert.All(verdicts.Skip(1), v => Assert.False(string.IsNullOrWhiteSpace(v.GetProperty("message").GetString())));

        var sameNonce = await Submit(node, driver, ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 1, 1));
        Assert.Equal(ReceiptReasons.DuplicateDetection, sameNonce[0].GetProperty("reason").GetString());

        // Two emitters racing with different receipts under one nonce: the gate lets exactly one through.
        var racing = await Task.WhenAll(
            Submit(node, driver, ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 1, 10)),
            Submit(node, driver, ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 2, 10)));
        Assert.Equal(
            [ReceiptVerdict.Admitted, ReceiptReasons.DuplicateDetection],
            racing.Select(v => v[0].GetProperty("reason").GetString() ?? v[0].GetProperty("status").GetString()).Order(StringComparer.Ordinal));

        var metrics = await Scrape(node);
        var log = Path.Combine(node.DataDir, "logs", "receipts.log");
        await Wait.UntilAsync(
            () => File.Exists(log) && File.ReadAllText(log).Contains("ReceiptRejected market=storage reason=signature_invalid stage=admission", StringComparison.Ordinal),
            IncludeWait,
            "receipts.log names the refused receipt's market and reason");
        Assert.Equal(3, Sample(metrics, "receipt_validation_errors_total{reason=\"duplicate_detection\"}"));
        Assert.Equal(2, Sample(metrics, "receipt_validation_errors_total{reason=\"schema_mismatch\"}"));
        Assert.Equal(1, Sample(metrics, "receipt_validation_errors_total{reason=\"signature_invalid\"}"));
        Assert.Equal(1, Sample(metrics, "receipt_validation_errors_total{reason=\"agreement_invalid\"}"));
        Assert.Equal(1, Sample(metrics, "receipt_validation_errors_total{reason=\"insufficient_funds\"}"));

        await Wait.UntilAsync(
            async () => (await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""")).GetProperty("emitted_total").GetUInt64() == 2 ? "" : null,
            IncludeWait,
            "the admitted receipt included");
        var agreement = await driver.ResultAsync(ReceiptsMethods.AgreementShow, """{"agreement_id":1}""");
        var racedUnits = await RacedUnits(driver);
        Assert.Equal((10UL - (racedUnits * 3), 90UL + (racedUnits * 3)), (agreement.GetProperty("deposit").GetUInt64(), agreement.GetProperty("paid").GetUInt64()));
        var stats = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""");
        Assert.Equal(3UL, stats.GetProperty("validation_errors").GetProperty(ReceiptReasons.DuplicateDetection).GetUInt64());
        Assert.Equal(0UL, stats.GetProperty("pending").GetUInt64());
    }

    [Fact]
    public async Task A_receipt_a_block_refuses_is_counted_and_logged_with_its_market_and_reason()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Register(ServiceMarket.Storage, Provider));
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Open(ServiceMarket.Storage, Provider, 3, 100));

        // Any account may carry a batch; the block checks each receipt again and records the forged one as refused.
        var forged = ReceiptsScenario.Receipt(ServiceMarket.Storage, Provider, 1, 1, 1, key: ReceiptsScenario.OtherKey);
        await driver.CommitAsync(driver.Dev, new ReceiptBatchPayload([forged]));

        var log = Path.Combine(node.DataDir, "logs", "receipts.log");
        await Wait.UntilAsync(
            () => File.Exists(log) && File.ReadAllText(log).Contains($"ReceiptRejected market=storage reason=signature_invalid stage=block receipt_id={forged.ReceiptId}", StringComparison.Ordinal),
            IncludeWait,
            "receipts.log names the receipt the block refused");
        Assert.Equal(1, Sample(await Scrape(node), "receipt_validation_errors_total{reason=\"signature_invalid\"}"));
        var stats = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""");
        Assert.Equal(0UL, stats.GetProperty("emitted_total").GetUInt64());
        Assert.Equal(1UL, stats.GetProperty("validation_errors").GetProperty(ReceiptReasons.SignatureInvalid).GetUInt64());
    }

    [Fact]
    public async Task Emitters_sync_keys_and_agreements_and_an_admin_reset_reaches_each_recent_one()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Register(ServiceMarket.Compute, "compute_001"));
        await driver.CommitAsync(driver.Dev, ReceiptsScenario.Open(ServiceMarket.Compute, "compute_001", 2, 500));
        var emitter = node.TokenOf(RpcRole.Emitter);

        var sync = await driver.ResultAsync(EmitterMethods.Sync, """{"emitter_id":"emitter-a","last_sync_height":null,"listen_url":"http://127.0.0.1:1"}""", emitter);

        var key = Assert.Single(sync.GetProperty("providers").EnumerateArray());
        Assert.Equal(("compute", "compute_001", Convert.ToBase64String(ReceiptsScenario.ProviderKey.PublicKey)), (key.GetProperty("market").GetString(), key.GetProperty("provider_id").GetString(), key.GetProperty("public_key").GetString()));
        var open = Assert.Single(sync.GetProperty("agreements").EnumerateArray());
        Assert.Equal((1UL, 2UL, 500UL), (open.GetProperty("agreement_id").GetUInt64(), open.GetProperty("unit_price").GetUInt64(), open.GetProperty("deposit").GetUInt64()));

        var reset = await driver.ResultAsync(ReceiptsMethods.ResetValidationState, "{}", node.AdminToken);
        var only = Assert.Single(reset.GetProperty("emitters").EnumerateArray());
        Assert.Equal(("emitter-a", EmitterReset.Unreachable), (only.GetProperty("emitter_id").GetString(), only.GetProperty("status").GetString()));
        Assert.Equal("http://127.0.0.1:1/admin/reset-validation-state", only.GetProperty("url").GetString());

        var providers = await driver.ResultAsync(ReceiptsMethods.ProvidersList, """{"market":"compute"}""");
        Assert.Equal("compute_001", Assert.Single(providers.GetProperty("providers").EnumerateArray()).GetProperty("provider_id").GetString());
        var missing = await driver.ErrorAsync(ReceiptsMethods.Show, $$"""{"id":"{{new string('0', 64)}}"}""");
        Assert.Equal(ReceiptsReasonRegistry.ReceiptNotFound, missing.GetProperty("data").GetProperty("reason").GetString());
        var wide = await driver.ErrorAsync(ReceiptsMethods.Validate, """{"from_block":0,"to_block":20000}""");
        Assert.Equal("invalid_params", wide.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Stats_validation_errors_add_what_each_emitter_reports_refusing_to_the_nodes_own()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        var emitter = node.TokenOf(RpcRole.Emitter);

        await driver.ResultAsync(EmitterMethods.Sync, """
            {"emitter_id":"emitter-a","last_sync_height":null,"listen_url":"http://127.0.0.1:1",
             "refusals":[{"market":"storage","reason":"schema_mismatch","count":3},{"market":"-","reason":"schema_mismatch","count":2}]}
            """, emitter);
        await driver.ResultAsync(EmitterMethods.Sync, """
            {"emitter_id":"emitter-b","last_sync_height":null,"listen_url":"http://127.0.0.1:2",
             "refusals":[{"market":"storage","reason":"schema_mismatch","count":1},{"market":"ad","reason":"insufficient_funds","count":4}]}
            """, emitter);
        // A later sync replaces that emitter's report (its counts run since it started), it does not add to it.
        await driver.ResultAsync(EmitterMethods.Sync, """
            {"emitter_id":"emitter-a","last_sync_height":null,"listen_url":"http://127.0.0.1:1",
             "refusals":[{"market":"storage","reason":"schema_mismatch","count":5},{"market":"-","reason":"schema_mismatch","count":2}]}
            """, emitter);

        var storage = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""");
        var all = await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"all"}""");

        Assert.Equal(6UL, storage.GetProperty("validation_errors").GetProperty(ReceiptReasons.SchemaMismatch).GetUInt64());
        Assert.Equal(0UL, storage.GetProperty("validation_errors").GetProperty(ReceiptReasons.InsufficientFunds).GetUInt64());
        Assert.Equal(8UL, all.GetProperty("validation_errors").GetProperty(ReceiptReasons.SchemaMismatch).GetUInt64());
        Assert.Equal(4UL, all.GetProperty("validation_errors").GetProperty(ReceiptReasons.InsufficientFunds).GetUInt64());

        var malformed = await driver.ErrorAsync(EmitterMethods.Sync, """
            {"emitter_id":"emitter-a","listen_url":"http://127.0.0.1:1","refusals":[{"market":"storage","reason":"made_up","count":1}]}
            """, emitter);
        Assert.Equal("invalid_params", malformed.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(6UL, (await driver.ResultAsync(ReceiptsMethods.Stats, """{"market":"storage"}""")).GetProperty("validation_errors").GetProperty(ReceiptReasons.SchemaMismatch).GetUInt64());
    }

    /// <summary>Flips a bit of <paramref name="receipt"/>'s signature inside the stored block that carries it, as a damaged disk would.</summary>
    private static void TamperStoredSignature(NodeRpcTestHost node, MarketReceipt receipt)
    {
        using var connection = new SqliteConnection($"Data Source={NodeDataDirectory.DatabasePath(node.DataDir)}");
        connection.Open();
        var signature = receipt.Signature.ToArray();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT height, body FROM blocks";
        var found = new List<(long Height, byte[] Body)>();
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                var body = (byte[])reader.GetValue(1);
                if (body.AsSpan().IndexOf(signature) >= 0)
                {
                    found.Add((reader.GetInt64(0), body));
                }
            }
        }

        var (height, stored) = Assert.Single(found);
        stored[stored.AsSpan().IndexOf(signature)] ^= 0x01;
        using var write = connection.CreateCommand();
        write.CommandText = "UPDATE blocks SET body = $body WHERE height = $height";
        write.Parameters.AddWithValue("$body", stored);
        write.Parameters.AddWithValue("$height", height);
        Assert.Equal(1, write.ExecuteNonQuery());
    }

    /// <summary>The units of whichever racing receipt (nonce 10) was included.</summary>
    private static async Task<ulong> RacedUnits(EnergyNodeDriver driver)
    {
        var list = await driver.ResultAsync(ReceiptsMethods.List, """{"market":"storage"}""");
        return list.GetProperty("receipts").EnumerateArray().Single(r => r.GetProperty("nonce").GetUInt64() == 10).GetProperty("units").GetUInt64();
    }

    private static Task<JsonElement[]> Submit(NodeRpcTestHost node, EnergyNodeDriver driver, params MarketReceipt[] receipts) =>
        Submit(node, driver, [.. receipts.Select(ReceiptsScenario.Wire)]);

    private static async Task<JsonElement[]> Submit(NodeRpcTestHost node, EnergyNodeDriver driver, IReadOnlyList<string> wire)
    {
        var body = JsonSerializer.Serialize(new ReceiptBatchParams("test-emitter", wire), EmitterJsonContext.Default.ReceiptBatchParams);
        var result = await driver.ResultAsync(EmitterMethods.BatchSubmit, body, node.TokenOf(RpcRole.Emitter));
        return [.. result.GetProperty("results").EnumerateArray()];
    }

    private static async Task<string> Scrape(NodeRpcTestHost node)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(node.MetricsUrl);
    }

    private static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
