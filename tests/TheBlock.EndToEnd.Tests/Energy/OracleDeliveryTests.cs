using System.Collections.Concurrent;
using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Protocol.Energy;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Energy;

/// <summary>
/// The oracle's delivery guarantee (docs/ENERGY.md, "Delivery guarantee"): <c>accepted</c> is answered only once the node
/// has admitted the reading, so a replica killed with SIGKILL under load loses nothing it accepted, and the nonce rule
/// makes the submitters' retries harmless: every accepted reading becomes exactly one credit.
/// </summary>
public sealed class OracleDeliveryTests
{
    private const int Meters = 8;
    private const int ReadingsPerMeter = 40;
    private const ulong KwhPerReading = 10;

    [Fact]
    public async Task Every_reading_answered_accepted_becomes_exactly_one_credit_across_a_kill_9_of_the_oracle_under_load()
    {
        await using var devnet = await DevnetProcess.StartAsync("--no-simulator", "--roles", "node", "--module-param", "energy.dispute_window_blocks=100000");
        using var driver = new EnergyDriver(devnet);
        var meters = Enumerable.Range(1, Meters).Select(i => $"meter_{i:000}").ToArray();
        await driver.RegisterAsync("provider_load", meters: meters);
        await using var oracle = await OracleProcess.StartAsync(devnet, "replica-killed");
        var accepted = new ConcurrentBag<(string Meter, ulong Timestamp)>();
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 100;
        var submitted = 0;
        var interrupted = 0;

        var load = meters.Select(meter => Task.Run(async () =>
        {
            for (var i = 1UL; i <= ReadingsPerMeter; i++)
            {
                var reading = driver.Reading("provider_load", meter, i * KwhPerReading, timestamp: start + i, nonce: i);
                while (true)
                {
                    Interlocked.Increment(ref submitted);
                    string? status;
                    string? reason;
                    try
                    {
                        var (_, answer) = await driver.PostAsync(oracle.Url, EnergyDriver.Json(reading));
                        status = answer.GetProperty("status").GetString();
                        reason = answer.TryGetProperty("reason", out var r) ? r.GetString() : null;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        // The oracle is down (killed mid-request): send the same reading again once it is back.
                        Interlocked.Increment(ref interrupted);
                        await Task.Delay(100);
                        continue;
                    }

                    if (status == ReadingAnswer.Accepted)
                    {
                        accepted.Add((meter, reading.Timestamp));
                        break;
                    }

                    // Admitted before the kill, its answer lost: the retry is a replay, and the reading is on its way already.
                    if (reason == EnergyReasons.NonceReplay)
                    {
                        break;
                    }

                    Assert.True(status is ReadingAnswer.Busy or ReadingAnswer.Unavailable, $"reading {i} of {meter} was {status}: {reason}");
                    await Task.Delay(100);
                }
            }
        })).ToList();

        await Wait.UntilAsync(() => Volatile.Read(ref submitted) >= Meters * 8, EnergyDriver.Timeout, "the load to get going");
        await oracle.KillAsync();
        await Task.Delay(500);
        await oracle.StartProcessAsync();
        await Task.WhenAll(load);

        var expected = accepted.Where(a => a.Timestamp != start + 1).ToList();
        List<CreditView> credits = [];
        await Wait.UntilAsync(
            async () =>
            {
                credits = await driver.CreditsAsync("provider_load");
                var seen = credits.Select(c => (c.Meter, c.ReadingTimestamp)).ToHashSet();
                return expected.All(seen.Contains) && credits.Count >= Meters * (ReadingsPerMeter - 1);
            },
            EnergyDriver.Timeout,
            "every accepted reading to be credited",
            devnet.Diagnostics);

        Assert.True(interrupted > 0, "the kill interrupted no submission: it did not happen under load");
        Assert.True(accepted.Count > Meters * (ReadingsPerMeter / 2), $"only {accepted.Count} readings were answered accepted");
        Assert.Equal(credits.Count, credits.Select(c => (c.Meter, c.ReadingTimestamp)).Distinct().Count());
        Assert.All(credits, c => Assert.Equal(KwhPerReading, c.AmountKwh));
        foreach (var meter in meters)
        {
            Assert.Equal((ulong)(ReadingsPerMeter - 1) * KwhPerReading, credits.Where(c => c.Meter == meter).Aggregate(0UL, (sum, c) => sum + c.AmountKwh));
        }
    }
}
