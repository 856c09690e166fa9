using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// Signed meter readings an oracle forwarded through the node. Any account may carry them (it pays the fee): each
/// reading is verified again against its provider's key, so a carrier cannot mint credits.
/// </summary>
public sealed record ReadingBatchPayload(IReadOnlyList<SignedReading> Readings) : TransactionPayload
{
    public override TransactionKind Kind => EnergyKinds.ReadingBatch;

    public override void Write(CanonicalWriter writer)
    {
        writer.U64((ulong)Readings.Count);
        foreach (var reading in Readings)
        {
            writer.Utf8(reading.ProviderId).Utf8(reading.Meter).U64(reading.TotalKwh).U64(reading.Timestamp).U64(reading.Nonce).Fixed(reading.Signature.Span);
        }
    }

    public override Rejection? CheckStateless()
    {
        if (Readings.Count is 0 or > EnergyLimits.MaxBatchReadings)
        {
            return new Rejection(EnergyReasons.InvalidBatch, $"a reading batch holds 1 to {EnergyLimits.MaxBatchReadings} readings, not {Readings.Count}");
        }

        foreach (var reading in Readings)
        {
            if ((EnergyLimits.IdProblem("provider_id", reading.ProviderId) ?? EnergyLimits.IdProblem("meter", reading.Meter)) is { } problem)
            {
                return new Rejection(EnergyReasons.InvalidBatch, problem);
            }
        }

        return null;
    }

    public static ReadingBatchPayload Read(ref CanonicalReader reader)
    {
        var count = reader.U64("reading_count");
        if (count > EnergyLimits.MaxBatchReadings)
        {
            throw new FormatException($"a reading batch holds at most {EnergyLimits.MaxBatchReadings} readings, not {count}");
        }

        var readings = new List<SignedReading>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            readings.Add(new SignedReading(
                reader.Utf8("provider_id"), reader.Utf8("meter"), reader.U64("total_kwh"), reader.U64("timestamp"), reader.U64("nonce"),
                reader.Fixed(Ed25519.SignatureSize, "signature").ToArray()));
        }

        return new ReadingBatchPayload(readings);
    }
}
