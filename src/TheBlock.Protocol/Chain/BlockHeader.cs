using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// A block header. Encoding: height u64 ‖ time_ms u64 ‖ previous_hash ‖ tx_root ‖ receipts_root ‖ state_root ‖ producer key [32].
/// The block hash is SHA-256 of "TheBlock/header/v1" followed by that encoding; the producer signs the hash.
/// </summary>
public sealed record BlockHeader(
    ulong Height,
    ulong TimeMs,
    Hash32 PreviousHash,
    Hash32 TransactionsRoot,
    Hash32 ReceiptsRoot,
    Hash32 StateRoot,
    byte[] ProducerKey)
{
    public const int EncodedSize = 8 + 8 + (4 * Hash32.Size) + Ed25519.PublicKeySize;
    private static ReadOnlySpan<byte> HashDomain => "TheBlock/header/v1"u8;

    public Address Producer => Address.FromPublicKey(ProducerKey);

    public Hash32 Hash()
    {
        var writer = new CanonicalWriter(HashDomain.Length + EncodedSize).Fixed(HashDomain);
        Write(writer);
        return Hash32.Sha256(writer.WrittenSpan);
    }

    public void Write(CanonicalWriter writer) => writer
        .U64(Height).U64(TimeMs)
        .Hash(PreviousHash).Hash(TransactionsRoot).Hash(ReceiptsRoot).Hash(StateRoot)
        .Fixed(ProducerKey);

    public static BlockHeader Read(ref CanonicalReader reader) => new(
        reader.U64("height"),
        reader.U64("time_ms"),
        reader.Hash("previous_hash"),
        reader.Hash("tx_root"),
        reader.Hash("receipts_root"),
        reader.Hash("state_root"),
        reader.Fixed(Ed25519.PublicKeySize, "producer").ToArray());
}
