using TheBlock.Protocol.Energy;

namespace TheBlock.Client.Energy;

/// <summary>A signed reading as meters, <c>energy reading sign</c> and the oracle's <c>POST /readings</c> write it.</summary>
public sealed record ReadingSubmission(string ProviderId, string Meter, ulong TotalKwh, ulong Timestamp, ulong Nonce, string Signature, string Scheme)
{
    public static ReadingSubmission From(SignedReading reading) =>
        new(reading.ProviderId, reading.Meter, reading.TotalKwh, reading.Timestamp, reading.Nonce, Convert.ToBase64String(reading.Signature.Span), SignedReading.Ed25519Scheme);
}
