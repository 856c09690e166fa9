using System.Buffers.Binary;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// A block: header, transactions in order, and the producer's signature of the header hash.
/// Encoding: header ‖ u32 transaction count ‖ each transaction u16-length-prefixed ‖ signature [64].
/// </summary>
public sealed class Block
{
    public Block(BlockHeader header, IReadOnlyList<Transaction> transactions, byte[] signature)
    {
        Header = header;
        Transactions = transactions;
        Signature = signature;
        Hash = header.Hash();
    }

    public BlockHeader Header { get; }

    public IReadOnlyList<Transaction> Transactions { get; }

    public byte[] Signature { get; }

    public Hash32 Hash { get; }

    public ulong Height => Header.Height;

    public bool VerifyProducerSignature() => Ed25519.Verify(Header.ProducerKey, Hash.ToArray(), Signature);

    public byte[] Encode()
    {
        var size = BlockHeader.EncodedSize + 4 + Ed25519.SignatureSize + Transactions.Sum(t => t.Encoded.Length + 2);
        var writer = new CanonicalWriter(size);
        Header.Write(writer);
        Span<byte> count = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(count, (uint)Transactions.Count);
        writer.Fixed(count);
        foreach (var transaction in Transactions)
        {
            writer.Variable(transaction.Encoded.Span);
        }

        writer.Fixed(Signature);
        return writer.ToArray();
    }

    public static Block Decode(ReadOnlySpan<byte> encoded, ChainModules modules)
    {
        var reader = new CanonicalReader(encoded);
        var header = BlockHeader.Read(ref reader);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(reader.Fixed(4, "transaction_count"));

        // Every transaction takes at least its 2-byte length prefix: refuse a count the bytes cannot hold before
        // allocating for it, so a few hostile bytes cannot demand gigabytes.
        var remaining = encoded.Length - reader.Position;
        if (count > remaining / 2)
        {
            throw new FormatException($"block claims {count} transactions but only {remaining} bytes follow");
        }

        var transactions = new Transaction[count];
        for (var i = 0; i < count; i++)
        {
            transactions[i] = Transaction.Decode(reader.Variable("transaction"), modules);
        }

        var signature = reader.Fixed(Ed25519.SignatureSize, "signature").ToArray();
        reader.ExpectEnd("block");
        return new Block(header, transactions, signature);
    }
}
