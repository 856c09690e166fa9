using System.Buffers.Binary;
using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Tests.Chain;

public class BlockEncodingTests
{
    /// <summary>The header of docs/PROTOCOL.md's block header vector.</summary>
    private static BlockHeader VectorHeader()
    {
        using var producer = SigningKey.FromSeed(Convert.FromHexString(Transactions.TransactionTestVectorTests.SeedHex));
        return new BlockHeader(
            Height: 5,
            TimeMs: 1_700_000_005_000,
            PreviousHash: Hash32.Sha256("previous"u8),
            TransactionsRoot: Hash32.Sha256("transactions"u8),
            ReceiptsRoot: Hash32.Zero,
            StateRoot: Hash32.Sha256("state"u8),
            ProducerKey: producer.PublicKey);
    }

    private static Block SampleBlock()
    {
        var chain = TestChain.Create();
        chain.ProposeAndCommit(chain.Transfer(0, chain.AddressOf(1), 10));
        return chain.ProposeAndCommit(
            chain.Transfer(0, chain.AddressOf(1), 10, fee: 1),
            chain.Transfer(1, TestKeys.Stranger(0), 20),
            chain.Transfer(2, chain.AddressOf(3), 30, fee: 2)).Block;
    }

    [Fact]
    public void A_block_decodes_back_to_the_same_header_transactions_and_signature()
    {
        var block = SampleBlock();
        var bytes = block.Encode();
        var decoded = Block.Decode(bytes, StandardChain.Modules);

        Assert.Equal(3, decoded.Transactions.Count);
        Assert.Equal(block.Hash, decoded.Hash);
        Assert.Equal(block.Header.Height, decoded.Header.Height);
        Assert.Equal(block.Header.TimeMs, decoded.Header.TimeMs);
        Assert.Equal(block.Header.PreviousHash, decoded.Header.PreviousHash);
        Assert.Equal(block.Header.TransactionsRoot, decoded.Header.TransactionsRoot);
        Assert.Equal(block.Header.StateRoot, decoded.Header.StateRoot);
        Assert.Equal(block.Header.ProducerKey, decoded.Header.ProducerKey);
        Assert.Equal(block.Transactions.Select(t => t.Hash), decoded.Transactions.Select(t => t.Hash));
        Assert.Equal(block.Signature, decoded.Signature);
        Assert.Equal(bytes, decoded.Encode());
        Assert.True(decoded.VerifyProducerSignature());
    }

    [Fact]
    public void A_block_has_the_documented_layout()
    {
        var block = SampleBlock();
        var bytes = block.Encode();
        var writer = new Encoding.CanonicalWriter();
        block.Header.Write(writer);

        Assert.Equal(writer.ToArray(), bytes[..BlockHeader.EncodedSize]);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(BlockHeader.EncodedSize)));
        var offset = BlockHeader.EncodedSize + 4;
        foreach (var transaction in block.Transactions)
        {
            Assert.Equal(transaction.Encoded.Length, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(offset)));
            Assert.Equal(transaction.Encoded.ToArray(), bytes[(offset + 2)..(offset + 2 + transaction.Encoded.Length)]);
            offset += 2 + transaction.Encoded.Length;
        }

        Assert.Equal(block.Signature, bytes[offset..]);
        Assert.Equal(offset + Ed25519.SignatureSize, bytes.Length);
    }

    [Fact]
    public void A_header_is_176_bytes_of_fixed_fields()
    {
        var writer = new Encoding.CanonicalWriter();
        VectorHeader().Write(writer);

        Assert.Equal(176, BlockHeader.EncodedSize);
        Assert.Equal(BlockHeader.EncodedSize, writer.Length);
    }

    [Fact]
    public void The_header_hash_is_SHA256_of_the_domain_tag_and_the_header_bytes()
    {
        var header = VectorHeader();
        var writer = new Encoding.CanonicalWriter();
        header.Write(writer);

        Assert.Equal(Hash32.Sha256([.. "TheBlock/header/v1"u8, .. writer.ToArray()]), header.Hash());
    }

    [Fact]
    public void The_header_hash_of_the_documented_vector_never_changes()
    {
        Assert.Equal(HeaderVectorHash, VectorHeader().Hash().ToString());
    }

    public const string HeaderVectorHash = "19198abe3299d7d456d2a1c243e2de019f2dd21face53c32c568e06d0186fc74";

    [Fact]
    public void Every_header_field_changes_the_hash()
    {
        var header = VectorHeader();
        var hashes = new[]
        {
            header.Hash(),
            (header with { Height = 6 }).Hash(),
            (header with { TimeMs = header.TimeMs + 1 }).Hash(),
            (header with { PreviousHash = Hash32.Zero }).Hash(),
            (header with { TransactionsRoot = Hash32.Zero }).Hash(),
            (header with { ReceiptsRoot = Hash32.Sha256("receipts"u8) }).Hash(),
            (header with { StateRoot = Hash32.Zero }).Hash(),
            (header with { ProducerKey = new byte[32] }).Hash(),
        };

        Assert.Equal(hashes.Length, hashes.Distinct().Count());
    }

    [Fact]
    public void A_decoded_block_keeps_its_hash_through_any_number_of_round_trips()
    {
        var block = SampleBlock();
        var again = Block.Decode(Block.Decode(block.Encode(), StandardChain.Modules).Encode(), StandardChain.Modules);

        Assert.Equal(block.Hash, again.Hash);
        Assert.Equal(block.Header.Hash(), again.Header.Hash());
    }

    [Fact]
    public void Every_truncation_of_a_block_is_refused()
    {
        var bytes = SampleBlock().Encode();
        for (var length = 0; length < bytes.Length; length++)
        {
            var truncated = bytes[..length];
            Assert.Throws<FormatException>(() => Block.Decode(truncated, StandardChain.Modules));
        }
    }

    [Fact]
    public void A_block_with_trailing_bytes_is_refused()
    {
        byte[] bytes = [.. SampleBlock().Encode(), 0x00];

        var error = Assert.Throws<FormatException>(() => Block.Decode(bytes, StandardChain.Modules));
        Assert.Equal("block has 1 trailing bytes", error.Message);
    }

    [Fact]
    public void A_block_carrying_a_malformed_transaction_is_refused()
    {
        var bytes = SampleBlock().Encode();
        bytes[BlockHeader.EncodedSize + 4 + 2] = 9; // version byte of the first transaction

        var error = Assert.Throws<FormatException>(() => Block.Decode(bytes, StandardChain.Modules));
        Assert.Contains("transaction version 9", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4u)]
    [InlineData(1_000_000u)]
    [InlineData(uint.MaxValue)]
    public void A_block_claiming_more_transactions_than_its_bytes_can_hold_is_refused(uint claimed)
    {
        var bytes = SampleBlock().Encode();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(BlockHeader.EncodedSize), claimed);

        Assert.Throws<FormatException>(() => Block.Decode(bytes, StandardChain.Modules));
    }
}
