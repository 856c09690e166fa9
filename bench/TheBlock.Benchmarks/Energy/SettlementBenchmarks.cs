using BenchmarkDotNet.Attributes;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;
using TheBlock.Testing.Energy;

namespace TheBlock.Benchmarks.Energy;

/// <summary>
/// Producing the block that settles 100,000 pending credits (issue 10's target: under 500 ms): the end-of-block
/// settlement from two offtaker escrows, the ledger entries and events of each, and sealing the state root over every
/// changed key. Proposed again and again from the same state, which proposing never changes.
/// </summary>
[Config(typeof(SettlementConfig))]
public class SettlementBenchmarks
{
    public const int Credits = 100_000;
    private const int MetersPerProvider = 2;
    private static readonly string[] ProviderIds = ["provider_a", "provider_b"];

    private EnergyScenario? _scenario;

    [GlobalSetup]
    public void Setup()
    {
        var window = 3UL;
        _scenario = EnergyScenario.Create(new Dictionary<string, ulong>
        {
            ["max_skew_seconds"] = 86_400,
            ["dispute_window_blocks"] = window,
            ["expiry_blocks"] = 1_000_000,
        });
        foreach (var id in ProviderIds)
        {
            _scenario.Register(id, pricePerKwh: 1);
        }

        _scenario.Deposit(500_000);
        var perMeter = Credits / (ProviderIds.Length * MetersPerProvider);
        var start = _scenario.NowSeconds - (ulong)perMeter / 2;
        var readings = new List<SignedReading>();
        foreach (var id in ProviderIds)
        {
            foreach (var meter in new[] { "meter_001", "meter_002" })
            {
                for (var i = 0UL; i <= (ulong)perMeter; i++)
                {
                    var message = SignedReading.SigningMessage(id, meter, i, start + i, i + 1);
                    readings.Add(new SignedReading(id, meter, i, start + i, i + 1, EnergyScenario.MeterKey.Sign(message)));
                }
            }
        }

        var batches = readings.Chunk(EnergyLimits.MaxBatchReadings).Select(batch => _scenario.SignNext(_scenario.Carrier, new ReadingBatchPayload(batch))).ToList();
        _scenario.CommitAll(batches);
        _scenario.Advance((int)window - 1);
        var settled = SettleAll().Effects.Events.Count(e => e.Event is EnergyCreditChanged { Credit.Status: CreditStatus.Settled });
        if (settled != Credits)
        {
            throw new InvalidOperationException($"the settlement block settles {settled} credits, not {Credits}");
        }
    }

    /// <summary>The end-of-block step alone, without sealing or the other modules' steps: where the block's time goes.</summary>
    [Benchmark]
    public int SettlementStepOnly()
    {
        var overlay = new Protocol.Ledger.StateOverlay(_scenario!.State, _scenario.State.Height + 1, _scenario.NextTimeMs);
        EnergySettlement.Apply(overlay);
        return overlay.Events.Count;
    }

    [Benchmark]
    public ProposedBlock SettleAll() => BlockExecutor.Propose(_scenario!.State, Array.Empty<Transaction>(), _scenario.NextTimeMs, _scenario.Validator);
}
