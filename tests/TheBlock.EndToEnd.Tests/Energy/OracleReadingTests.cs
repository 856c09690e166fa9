using System.Text.Json;
using TheBlock.Client.Energy.Oracle;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Energy;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// Readings through a real devnet's oracle (runbook "Energy Stalled"): an accepted reading becomes a credit and settles
/// from the offtaker's escrow; paths B and C's refusals are answered, counted and logged; bad bodies change nothing.
/// </summary>
public sealed class OracleReadingTests(EnergyDevnetFixture fixture) : IClassFixture<EnergyDevnetFixture>
{
    private EnergyDriver Driver => fixture.Driver;

    private string Oracle => fixture.Devnet.OracleUrl;

    [Fact]
    public async Task An_accepted_reading_becomes_a_credit_that_settles_and_owner_plus_fee_equal_kwh_times_price()
    {
        await EnsureProviderAsync("provider_settle", pricePerKwh: 7);
        var (status, baseline) = await Driver.PostAsync(Oracle, EnergyDriver.Json(Driver.Reading("provider_settle", "meter_001", 1_500_000)));
        Assert.Equal(200, status);
        await Driver.IncludedAsync(Oracle, baseline.GetProperty("tracking_id").GetString()!);

        var (_, answer) = await Driver.PostAsync(Oracle, EnergyDriver.Json(Driver.Reading("provider_settle", "meter_001", 1_500_333)));
        Assert.Equal(ReadingAnswer.Accepted, answer.GetProperty("status").GetString());
        var view = await Driver.IncludedAsync(Oracle, answer.GetProperty("tracking_id").GetString()!);
        Assert.Equal(TrackingView.Included, view.GetProperty("status").GetString());
        var creditId = view.GetProperty("credit_id").GetUInt64();

        JsonElement? credit = null;
        await Wait.UntilAsync(
            async () =>
            {
                var list = await fixture.Devnet.CliJson("energy", "credits", "list", "--provider", "provider_settle");
                credit = list.GetProperty("credits").EnumerateArray().Where(c => c.GetProperty("credit_id").GetUInt64() == creditId && c.GetProperty("status").GetString() == "settled")
                    .Select(c => (JsonElement?)c).FirstOrDefault();
                return credit is not null;
            },
            EnergyDriver.Timeout,
            $"credit {creditId} to settle",
            fixture.Devnet.Diagnostics);
        var reference = $"energy-settlement-{credit!.Value.GetProperty("settled_height").GetUInt64()}";
        var received = (await Driver.LedgerAsync(Driver.Owner.Address.ToString())).RecentEntries.Single(e => e.Reference == reference);
        var fee = (await Driver.LedgerAsync("treasury")).RecentEntries.Single(e => e.Reference == reference);
        var payment = (await Driver.LedgerAsync(EnergyModule.EscrowAccount)).RecentEntries.Single(e => e.Reference == reference);

        const long expectedPayment = 333 * 7;
        Assert.Equal(333UL, credit.Value.GetProperty("amount_kwh").GetUInt64());
        Assert.Equal((ulong)expectedPayment, credit.Value.GetProperty("payment").GetUInt64());
        Assert.Equal(-expectedPayment, payment.Delta);
        Assert.Equal("energy_settlement_received", received.Kind);
        Assert.Equal("energy_settlement_fee", fee.Kind);
        Assert.Equal("it", fee.SubLedger);
        Assert.Equal(expectedPayment * 250 / 10_000, fee.Delta);
        Assert.Equal((long)credit.Value.GetProperty("fee").GetUInt64(), fee.Delta);
        Assert.Equal(expectedPayment, received.Delta + fee.Delta);
    }

    [Theory]
    [InlineData(EnergyReasons.InvalidFormat)]
    [InlineData(EnergyReasons.VerificationFailed)]
    [InlineData(EnergyReasons.KeyNotFound)]
    [InlineData(EnergyReasons.SchemeUnsupported)]
    public async Task Path_B_each_signature_failure_is_answered_counted_and_logged_as_SignatureInvalid(string reason)
    {
        await EnsureProviderAsync("provider_path_b");
        var before = EnergyDriver.Sample(await Driver.MetricsAsync(fixture.Devnet.OracleMetricsUrl), $"energy_signature_verification_failures_total{{reason=\"{reason}\"}}");
        var good = Driver.Reading("provider_path_b", "meter_001", 10);
        var body = reason switch
        {
            EnergyReasons.InvalidFormat => WithField(EnergyDriver.Json(good), "signature", "not*base64"),
            EnergyReasons.VerificationFailed => EnergyDriver.Json(Driver.Reading("provider_path_b", "meter_001", 10, key: Driver.Owner)),
            EnergyReasons.KeyNotFound => EnergyDriver.Json(Driver.Reading("provider_nobody", "meter_001", 10)),
            _ => WithField(EnergyDriver.Json(good), "scheme", "secp256k1"),
        };

        var (status, answer) = await Driver.PostAsync(Oracle, body);

        Assert.Equal(422, status);
        Assert.Equal(ReadingAnswer.Rejected, answer.GetProperty("status").GetString());
        Assert.Equal(reason, answer.GetProperty("reason").GetString());
        var after = EnergyDriver.Sample(await Driver.MetricsAsync(fixture.Devnet.OracleMetricsUrl), $"energy_signature_verification_failures_total{{reason=\"{reason}\"}}");
        Assert.Equal(before + 1, after);
        await Wait.UntilAsync(
            () => DevnetProcess.ReadShared(fixture.OracleLog).Split('\n').Any(l => l.Contains("SignatureInvalid", StringComparison.Ordinal) && l.Contains($"reason={reason}", StringComparison.Ordinal)),
            EnergyDriver.Timeout,
            $"a SignatureInvalid reason={reason} line in oracle.log");
    }

    [Fact]
    public async Task Path_C_a_skewed_reading_is_refused_as_timestamp_skew_and_logged_as_TimestampSkew()
    {
        await EnsureProviderAsync("provider_path_c");
        var skewed = Driver.Reading("provider_path_c", "meter_001", 10, timestamp: (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 301);

        var (status, answer) = await Driver.PostAsync(Oracle, EnergyDriver.Json(skewed));

        Assert.Equal(422, status);
        Assert.Equal(EnergyReasons.TimestampSkew, answer.GetProperty("reason").GetString());
        Assert.True(EnergyDriver.Sample(await Driver.MetricsAsync(fixture.Devnet.OracleMetricsUrl), "energy_reading_rejections_total{reason=\"timestamp_skew\"}") >= 1);
        await Wait.UntilAsync(
            () => DevnetProcess.ReadShared(fixture.OracleLog).Split('\n').Any(l => l.Contains("TimestampSkew reason=timestamp_skew", StringComparison.Ordinal)),
            EnergyDriver.Timeout,
            "a TimestampSkew line in oracle.log");
    }

    [Fact]
    public async Task A_replayed_nonce_and_a_stale_total_are_refused_by_the_nodes_admission()
    {
        await EnsureProviderAsync("provider_replay");
        var first = Driver.Reading("provider_replay", "meter_001", 500);
        var (_, accepted) = await Driver.PostAsync(Oracle, EnergyDriver.Json(first));
        Assert.Equal(ReadingAnswer.Accepted, accepted.GetProperty("status").GetString());

        var (_, replay) = await Driver.PostAsync(Oracle, EnergyDriver.Json(first));
        var (_, stale) = await Driver.PostAsync(Oracle, EnergyDriver.Json(Driver.Reading("provider_replay", "meter_001", 499)));
        var (_, unknownMeter) = await Driver.PostAsync(Oracle, EnergyDriver.Json(Driver.Reading("provider_replay", "meter_404", 1)));

        Assert.Equal(EnergyReasons.NonceReplay, replay.GetProperty("reason").GetString());
        Assert.Equal(EnergyReasons.StaleReading, stale.GetProperty("reason").GetString());
        Assert.Equal(EnergyReasons.UnknownMeter, unknownMeter.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_array_is_answered_per_reading_in_order()
    {
        await EnsureProviderAsync("provider_array");
        var readings = new[]
        {
            Driver.Reading("provider_array", "meter_001", 1),
            Driver.Reading("provider_array", "meter_002", 1),
            Driver.Reading("provider_nobody", "meter_001", 1),
        };

        var (status, answer) = await Driver.PostAsync(Oracle, EnergyDriver.Json(readings));

        Assert.Equal(200, status);
        Assert.Equal(
            [ReadingAnswer.Accepted, ReadingAnswer.Accepted, ReadingAnswer.Rejected],
            answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("{not json", 400, EnergyReasons.InvalidFormat)]
    [InlineData("[]", 413, OracleReasons.TooManyReadings)]
    [InlineData("{\"provider_id\":\"p\",\"meter\":\"m\",\"total_kwh\":-1,\"timestamp\":1,\"nonce\":1,\"signature\":\"\"}", 422, EnergyReasons.InvalidFormat)]
    [InlineData("{\"provider_id\":\"p\",\"extra\":1}", 422, EnergyReasons.InvalidFormat)]
    public async Task Bad_bodies_are_refused_with_a_reason(string body, int expectedStatus, string expectedReason)
    {
        var (status, answer) = await Driver.PostAsync(Oracle, body);

        Assert.Equal(expectedStatus, status);
        Assert.Equal(expectedReason, answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read_whole()
    {
        // As a well-behaved client sending a large body does: the oracle answers before the body is sent.
        var (status, answer) = await Driver.PostAsync(Oracle, "[" + new string(' ', 2 * 1_048_576) + "]", expectContinue: true);

        Assert.Equal(413, status);
        Assert.Equal(OracleReasons.BodyTooLarge, answer.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_unknown_tracking_id_is_a_404_with_a_reason()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync($"{Oracle}/readings/trk_0000");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(OracleReasons.TrackingIdUnknown, document.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_oracle_keys_status_names_the_devnet_oracle_as_healthy()
    {
        await EnsureProviderAsync("provider_keys");

        var status = await fixture.Devnet.CliJson("energy", "oracle", "keys", "status");

        var oracle = status.GetProperty("oracles").EnumerateArray().Single();
        Assert.Equal("devnet-oracle", oracle.GetProperty("oracle_id").GetString());
        Assert.True(oracle.GetProperty("healthy").GetBoolean());
        Assert.True(status.GetProperty("key_count").GetUInt64() >= 1);
    }

    private static string WithField(string json, string field, string value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node[field] = value;
        return node.ToJsonString();
    }

    /// <summary>Registers <paramref name="providerId"/> once and waits until the oracle has synced its key.</summary>
    private async Task EnsureProviderAsync(string providerId, ulong pricePerKwh = 3)
    {
        if (!fixture.Registered.Add(providerId))
        {
            return;
        }

        await Driver.RegisterAsync(providerId, pricePerKwh);
        var height = (await Driver.Rpc.CallAsync(Client.Core.CoreRpc.NodeStatus, Client.Rpc.NoParams.Value)).CurrentBlockHeight;
        await Wait.UntilAsync(
            async () => (await Driver.Rpc.CallAsync(OracleRpc.Status, Client.Rpc.NoParams.Value)).LastSyncHeight >= height,
            EnergyDriver.Timeout,
            $"the oracle to sync keys past height {height}");
    }
}
