using System.Globalization;
using System.Text.Json;
using TheBlock.Client.Energy;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;
using TheBlock.Server.Rpc;
using TheBlock.Server.Tests.Rpc;

namespace TheBlock.Server.Tests.Energy;

/// <summary>
/// The energy market end to end on a real node over HTTP (devnet defaults: 100 ms blocks, a 10-block dispute window):
/// provider_settles (offtaker: the funded dev key, with escrow) has a credit settle; provider_disputed's offtaker has no
/// escrow, so its credit waits while the offtaker disputes it and the admin method resolves the dispute.
/// </summary>
public sealed class EnergyNodeTests
{
    private const string Settles = "provider_settles";
    private const string Disputed = "provider_disputed";
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_reading_settles_and_every_energy_method_and_metric_shows_it()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);
        using var unfunded = TestKeys.KeyFor("energy-node/unfunded-offtaker");

        await driver.CommitAsync(driver.Dev, Register(Settles, driver.Dev.Address));
        await driver.CommitAsync(driver.Dev, Register(Disputed, unfunded.Address));
        await driver.CommitAsync(driver.Dev, new EscrowDepositPayload(100_000));
        await driver.CommitAsync(driver.Dev, new TransferPayload(unfunded.Address, 10));
        await driver.CommitAsync(driver.Dev, new ReadingBatchPayload(
        [
            driver.Reading(Settles, "meter_001", 5_000),
            driver.Reading(Settles, "meter_001", 5_250),
            driver.Reading(Disputed, "meter_001", 1_000),
            driver.Reading(Disputed, "meter_001", 1_100),
            driver.Reading(Settles, "meter_002", 1, TestKeys.KeyFor("energy-node/not-the-meter")),
        ]));

        // Credit 1 (250 kWh × 3 CT) settles after the dispute window; credit 2 (100 kWh) has no escrow to draw on.
        var settled = JsonElement.Parse(await Wait.UntilAsync(
            async () =>
            {
                var list = await driver.ResultAsync(EnergyMethods.CreditsList, """{"status":"settled"}""");
                return list.GetProperty("credits").GetArrayLength() > 0 ? list.GetRawText() : null;
            },
            SettleWait,
            "credit 1 settled"));
        var credit = settled.GetProperty("credits")[0];
        Assert.Equal(1UL, credit.GetProperty("credit_id").GetUInt64());
        Assert.Equal(Settles, credit.GetProperty("provider_id").GetString());
        Assert.Equal(250UL, credit.GetProperty("amount_kwh").GetUInt64());
        Assert.Equal(750UL, credit.GetProperty("payment").GetUInt64());
        Assert.Equal(18UL, credit.GetProperty("fee").GetUInt64());
        Assert.Equal(JsonValueKind.Null, settled.GetProperty("next_before_id").ValueKind);

        var pending = await driver.ResultAsync(EnergyMethods.CreditsList, $$"""{"status":"pending","provider":"{{Disputed}}"}""");
        Assert.Equal([100UL], pending.GetProperty("credits").EnumerateArray().Select(c => c.GetProperty("amount_kwh").GetUInt64()));

        var market = await driver.ResultAsync(EnergyMethods.Market);
        Assert.Equal([Disputed, Settles], market.GetProperty("providers").EnumerateArray().Select(p => p.GetProperty("provider_id").GetString()).Order());
        var first = market.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider_id").GetString() == Settles);
        Assert.Equal("active", first.GetProperty("status").GetString());
        Assert.InRange(first.GetProperty("reputation_score").GetDouble(), 0.8, 1.0);
        Assert.Equal(first.GetProperty("reputation_score").GetDouble(), first.GetProperty("reputation").GetProperty("composite_score").GetDouble());
        Assert.Equal(250UL, first.GetProperty("settled_kwh").GetUInt64());
        var summary = market.GetProperty("summary");
        Assert.Equal(2UL, summary.GetProperty("providers").GetUInt64());
        Assert.Equal(
            ["active", "suspended", "slashed", "inactive", "unregistered"],
            summary.GetProperty("by_status").EnumerateObject().Select(p => p.Name));
        Assert.Equal(2UL, summary.GetProperty("by_status").GetProperty("active").GetUInt64());
        Assert.Equal(1UL, summary.GetProperty("pending_credits").GetUInt64());
        Assert.Equal(100UL, summary.GetProperty("pending_kwh").GetUInt64());
        Assert.Equal(250UL, summary.GetProperty("settled_kwh").GetUInt64());

        var provider = await driver.ResultAsync(EnergyMethods.ProviderShow, $$"""{"provider_id":"{{Settles}}"}""");
        Assert.Equal(Convert.ToBase64String(EnergyNodeDriver.MeterKey.PublicKey), provider.GetProperty("public_key").GetString());
        Assert.Equal(JsonValueKind.Number, provider.GetProperty("last_settlement").ValueKind);
        Assert.Equal(JsonValueKind.Number, provider.GetProperty("last_reading_at").ValueKind);
        Assert.Equal(["meter_001", "meter_002"], provider.GetProperty("meters").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(100_000UL - 750, provider.GetProperty("offtaker_escrow").GetUInt64());
        var unknown = await driver.ErrorAsync(EnergyMethods.ProviderShow, """{"provider_id":"provider_nowhere"}""");
        Assert.Equal(EnergyReasons.ProviderNotFound, unknown.GetProperty("data").GetProperty("reason").GetString());

        var escrow = await driver.ResultAsync(EnergyMethods.EscrowShow, $$"""{"address":"{{driver.Dev.Address}}"}""");
        Assert.Equal(100_000UL - 750, escrow.GetProperty("escrow").GetUInt64());

        // Its offtaker disputes credit 2; the admin method resolves it with the node's key and answers the dispute after it.
        await driver.CommitAsync(unfunded, new DisputeOpenPayload(2, "meter reads above capacity"));
        var open = await driver.ResultAsync(EnergyMethods.DisputesList, """{"status":"open"}""");
        Assert.Equal([1UL], open.GetProperty("disputes").EnumerateArray().Select(d => d.GetProperty("dispute_id").GetUInt64()));
        var resolved = await driver.ResultAsync(EnergyMethods.DisputesResolve, """{"id":1,"outcome":"upheld"}""", node.AdminToken);
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.Equal("upheld", resolved.GetProperty("outcome").GetString());
        Assert.Equal(500UL, resolved.GetProperty("slashed").GetUInt64());
        Assert.Equal("voided", resolved.GetProperty("credit").GetProperty("status").GetString());
        Assert.Equal(100UL, resolved.GetProperty("evidence").GetProperty("amount_kwh").GetUInt64());
        var shown = await driver.ResultAsync(EnergyMethods.DisputesShow, """{"id":1}""");
        Assert.Equal(resolved.GetRawText(), shown.GetRawText());
        var again = await driver.ErrorAsync(EnergyMethods.DisputesResolve, """{"id":1,"outcome":"rejected"}""", node.AdminToken);
        Assert.Equal(EnergyReasons.DisputeNotOpen, again.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(RpcErrorCodes.Unauthorized, (await driver.ErrorAsync(EnergyMethods.DisputesResolve, """{"id":1,"outcome":"upheld"}""")).GetProperty("code").GetInt32());
        Assert.Equal([1UL], (await driver.ResultAsync(EnergyMethods.DisputesList, """{"status":"resolved"}""")).GetProperty("disputes").EnumerateArray().Select(d => d.GetProperty("dispute_id").GetUInt64()));

        var after = (await driver.ResultAsync(EnergyMethods.Market)).GetProperty("summary");
        Assert.Equal(0UL, after.GetProperty("pending_credits").GetUInt64());
        Assert.Equal(0UL, after.GetProperty("active_disputes").GetUInt64());
        Assert.Equal(2UL, after.GetProperty("by_status").GetProperty("active").GetUInt64()); // 4,500 CT of stake left: above min_stake
        var slashed = await driver.ResultAsync(EnergyMethods.ProviderShow, $$"""{"provider_id":"{{Disputed}}"}""");
        Assert.Equal(500UL, slashed.GetProperty("slashed_total").GetUInt64());
        Assert.Equal(4_500UL, slashed.GetProperty("stake").GetUInt64());

        var metrics = await Scrape(node);
        Assert.Equal(1, Sample(metrics, "energy_settlements_total"));
        Assert.Equal(250, Sample(metrics, "energy_settled_kwh_total"));
        Assert.Equal(0, Sample(metrics, "energy_pending_credits_total"));
        Assert.Equal(0, Sample(metrics, "energy_pending_kwh"));
        Assert.Equal(0, Sample(metrics, "energy_active_disputes_total"));
        Assert.Equal(0, Sample(metrics, "energy_expired_credits_total"));
        Assert.Equal(1, Sample(metrics, "energy_dispute_resolution_seconds_count"));
        Assert.Equal(1, Sample(metrics, $"energy_slashing_total{{provider=\"{Disputed}\",reason=\"dispute_upheld\"}}"));
        Assert.Equal(2, Sample(metrics, "energy_providers{status=\"active\"}"));
        Assert.Equal(0, Sample(metrics, "energy_providers{status=\"slashed\"}"));
        Assert.Equal(0, Sample(metrics, "energy_providers{status=\"unregistered\"}"));
        Assert.Equal(1, Sample(metrics, "energy_signature_verification_failures_total{reason=\"verification_failed\"}"));
        Assert.Equal(0, Sample(metrics, "energy_signature_verification_failures_total{reason=\"scheme_unsupported\"}"));
        Assert.Equal(1, Sample(metrics, "energy_reading_rejections_total{reason=\"verification_failed\"}"));
        Assert.Equal(0, Sample(metrics, "energy_reading_rejections_total{reason=\"stale_reading\"}"));
    }

    [Theory]
    [InlineData(EnergyMethods.CreditsList, """{"status":"lost"}""", "status \"lost\" is not one of: pending, settled, expired, disputed, voided")]
    [InlineData(EnergyMethods.CreditsList, """{"limit":0}""", null)]
    [InlineData(EnergyMethods.DisputesList, """{"status":"closed"}""", "status \"closed\" is not one of: open, resolved")]
    [InlineData(EnergyMethods.ProviderShow, """{"provider_id":" "}""", null)]
    [InlineData(EnergyMethods.ProviderShow, "{}", null)]
    [InlineData(EnergyMethods.DisputesShow, """{"id":"one"}""", null)]
    public async Task Bad_params_are_invalid_params_with_a_sentence(string method, string paramsJson, string? message)
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);

        var error = await driver.ErrorAsync(method, paramsJson);

        Assert.Equal(RpcErrorCodes.InvalidParams, error.GetProperty("code").GetInt32());
        Assert.Equal("invalid_params", error.GetProperty("data").GetProperty("reason").GetString());
        if (message is not null)
        {
            Assert.Equal(message, error.GetProperty("message").GetString());
        }
    }

    [Fact]
    public async Task Unknown_disputes_and_bad_addresses_are_named()
    {
        await using var node = await NodeRpcTestHost.StartAsync();
        using var driver = new EnergyNodeDriver(node);

        var missing = await driver.ErrorAsync(EnergyMethods.DisputesShow, """{"id":9}""");
        Assert.Equal(EnergyReasons.DisputeNotFound, missing.GetProperty("data").GetProperty("reason").GetString());
        var badOutcome = await driver.ErrorAsync(EnergyMethods.DisputesResolve, """{"id":9,"outcome":"maybe"}""", node.AdminToken);
        Assert.Equal("outcome \"maybe\" is not one of: upheld, rejected", badOutcome.GetProperty("message").GetString());
        var badAddress = await driver.ErrorAsync(EnergyMethods.EscrowShow, """{"address":"ct1nope"}""");
        Assert.Equal("invalid_address", badAddress.GetProperty("data").GetProperty("reason").GetString());
        var empty = await driver.ResultAsync(EnergyMethods.Market);
        Assert.Equal(0, empty.GetProperty("providers").GetArrayLength());
    }

    private static ProviderRegisterPayload Register(string providerId, TheBlock.Protocol.Primitives.Address offtaker) =>
        new(providerId, EnergyNodeDriver.MeterKey.PublicKey, new ProviderTerms(["meter_001", "meter_002"], 10_000, 3, "US-CA", offtaker), 5_000);

    private static async Task<string> Scrape(NodeRpcTestHost node)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(node.MetricsUrl);
    }

    /// <summary>The value of the sample whose name and labels are exactly <paramref name="series"/>.</summary>
    private static double Sample(string exposition, string series)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{exposition}");
        return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
