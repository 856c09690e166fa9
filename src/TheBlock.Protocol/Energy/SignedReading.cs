using System.Buffers.Binary;
using TheBlock.Protocol.Crypto;

namespace TheBlock.Protocol.Energy;

/// <summary>
/// A meter's cumulative reading, signed with its provider's Ed25519 key (spec/energy.md, "Signed reading"). The signed
/// message is exactly the bytes of the runbook's "Test a signature manually" snippet:
/// UTF-8(provider_id) ‖ UTF-8(meter) ‖ u64 LE total_kwh ‖ u64 LE timestamp ‖ u64 LE nonce.
/// </summary>
public sealed record SignedReading(string ProviderId, string Meter, ulong TotalKwh, ulong Timestamp, ulong Nonce, ReadOnlyMemory<byte> Signature)
{
    /// <summary>The only signature scheme readings use today; a reading may name it or leave it out.</summary>
    public const string Ed25519Scheme = "ed25519";

    public byte[] SigningMessage() => SigningMessage(ProviderId, Meter, TotalKwh, Timestamp, Nonce);

    public static byte[] SigningMessage(string providerId, string meter, ulong totalKwh, ulong timestamp, ulong nonce)
    {
        var provider = System.Text.Encoding.UTF8.GetBytes(providerId);
        var meterBytes = System.Text.Encoding.UTF8.GetBytes(meter);
        var message = new byte[provider.Length + meterBytes.Length + 24];
        provider.CopyTo(message, 0);
        meterBytes.CopyTo(message, provider.Length);
        var numbers = message.AsSpan(provider.Length + meterBytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(numbers, totalKwh);
        BinaryPrimitives.WriteUInt64LittleEndian(numbers[8..], timestamp);
        BinaryPrimitives.WriteUInt64LittleEndian(numbers[16..], nonce);
        return message;
    }

    /// <summary>Whether <see cref="Signature"/> is the provider key's pure Ed25519 (RFC 8032) signature of the message.</summary>
    public bool VerifySignature(ReadOnlySpan<byte> publicKey) =>
        publicKey.Length == Ed25519.PublicKeySize
        && Signature.Length == Ed25519.SignatureSize
        && Ed25519.Verify(publicKey, SigningMessage(), Signature.Span);
}
