using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// A provider's reputation (docs/ENERGY.md, "Reputation"): four components in parts per million, each an
/// exponentially weighted average of 0/1 outcomes moved by integer steps so every node computes the same value, and the
/// count of scored events. <see cref="CompositePpm"/> weighs delivery 30 %, meter 40 %, latency 15 %, capacity 15 %;
/// <see cref="ConfidencePpm"/> grows with evidence and does not move the composite.
/// </summary>
public readonly record struct Reputation(uint DeliveryPpm, uint MeterPpm, uint LatencyPpm, uint CapacityPpm, ulong Evidence)
{
    public const uint Scale = 1_000_000;

    /// <summary>Where a new provider starts: high (0.9) on every component, with no evidence.</summary>
    public static Reputation Initial { get; } = new(900_000, 900_000, 900_000, 900_000, 0);

    public uint CompositePpm => (uint)(((ulong)DeliveryPpm * 30 + (ulong)MeterPpm * 40 + (ulong)LatencyPpm * 15 + (ulong)CapacityPpm * 15) / 100);

    /// <summary>evidence / (evidence + 20): 0 for a new provider, 0.5 after 20 scored events.</summary>
    public uint ConfidencePpm => (uint)(Evidence * Scale / (Evidence + 20));

    /// <summary>A settlement delivered: delivery moves 1/20 of the way to 1.</summary>
    public Reputation Settled() => this with { DeliveryPpm = Toward(DeliveryPpm, Scale, 20), Evidence = Evidence + 1 };

    /// <summary>A credit expired unpaid: delivery moves 1/10 of the way to 0.</summary>
    public Reputation Expired() => this with { DeliveryPpm = Toward(DeliveryPpm, 0, 10), Evidence = Evidence + 1 };

    /// <summary>A reading accepted: the meter is trusted a little more, latency and capacity score whether it was on time and within capacity.</summary>
    public Reputation Accepted(bool onTime, bool withinCapacity) => this with
    {
        MeterPpm = Toward(MeterPpm, Scale, 50),
        LatencyPpm = Toward(LatencyPpm, onTime ? Scale : 0, 20),
        CapacityPpm = Toward(CapacityPpm, withinCapacity ? Scale : 0, 20),
        Evidence = Evidence + 1,
    };

    /// <summary>A reading the provider signed was refused for its content (stale, unknown meter): the meter moves 1/20 toward 0.</summary>
    public Reputation BadReading() => this with { MeterPpm = Toward(MeterPpm, 0, 20), Evidence = Evidence + 1 };

    /// <summary>A signed reading far from the block time: latency moves 1/10 toward 0.</summary>
    public Reputation Skewed() => this with { LatencyPpm = Toward(LatencyPpm, 0, 10), Evidence = Evidence + 1 };

    /// <summary>A dispute against the provider was upheld: delivery and meter each lose half.</summary>
    public Reputation DisputeUpheld() => this with { DeliveryPpm = Toward(DeliveryPpm, 0, 2), MeterPpm = Toward(MeterPpm, 0, 2), Evidence = Evidence + 1 };

    /// <summary>A dispute against the provider was rejected: the meter moves 1/10 toward 1.</summary>
    public Reputation DisputeRejected() => this with { MeterPpm = Toward(MeterPpm, Scale, 10), Evidence = Evidence + 1 };

    public void Write(CanonicalWriter writer) =>
        writer.U64(DeliveryPpm).U64(MeterPpm).U64(LatencyPpm).U64(CapacityPpm).U64(Evidence);

    public static Reputation Read(ref CanonicalReader reader) => new(
        Ppm(reader.U64("delivery_ppm")), Ppm(reader.U64("meter_ppm")), Ppm(reader.U64("latency_ppm")), Ppm(reader.U64("capacity_ppm")), reader.U64("evidence"));

    public static double Fraction(uint ppm) => ppm / (double)Scale;

    private static uint Toward(uint value, uint target, uint steps) =>
        target >= value ? value + ((target - value + steps - 1) / steps) : value - ((value - target + steps - 1) / steps);

    private static uint Ppm(ulong value) => value <= Scale ? (uint)value : throw new FormatException($"a reputation component is {value} ppm; at most {Scale}");
}
