using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Energy;

/// <summary>The ids the next credit, dispute and energy receipt get.</summary>
public sealed record EnergyCounters(ulong NextCreditId, ulong NextDisputeId, ulong NextReceiptId)
{
    public static EnergyCounters Initial { get; } = new(1, 1, 1);

    public byte[] Encode() => new CanonicalWriter(24).U64(NextCreditId).U64(NextDisputeId).U64(NextReceiptId).ToArray();

    public static EnergyCounters Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var counters = new EnergyCounters(reader.U64("next_credit_id"), reader.U64("next_dispute_id"), reader.U64("next_receipt_id"));
        reader.ExpectEnd("energy counters");
        return counters;
    }
}
