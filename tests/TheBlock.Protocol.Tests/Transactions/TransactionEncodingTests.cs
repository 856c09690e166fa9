using System.Buffers.Binary;
using TheBlock.Protocol;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Transactions;

public class TransactionEncodingTests
{
    // Layout offsets of a transfer on chain "testnet" (7 bytes of chain id).
    private const int ChainIdLength = 7;
    private const int KindOffset = 1 + 2 + ChainIdLength;
    private const int SenderOffset = KindOffset + 1;
    private const int NonceOffset = SenderOffset + 32;
    private const int FeeOffset = NonceOffset + 8;
    private const int ToOffset = FeeOffset + 8;
    private const int AmountOffset = ToOffset + Address.Size;
    private const int SignatureOffset = AmountOffset + 8;
    private const int TransferSize = SignatureOffset + 64;

    private static Transaction Sample()
    {
        using var key = TestKeys.Key(0);
        return Transaction.CreateSigned(TestGenesis.ChainId, key, 7, 3, new TransferPayload(TestKeys.Stranger(1), 12_345));
    }

    [Fact]
    public void A_transfer_has_the_documented_fixed_layout()
    {
        var transaction = Sample();
        var bytes = transaction.Encoded.ToArray();

        Assert.Equal(TransferSize, bytes.Length);
        Assert.Equal(Transaction.Version, bytes[0]);
        Assert.Equal(ChainIdLength, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(1)));
        Assert.Equal("testnet"u8.ToArray(), bytes[3..KindOffset]);
        Assert.Equal(TransactionKind.Transfer.Code, bytes[KindOffset]);
        Assert.Equal(transaction.SenderPublicKey.ToArray(), bytes[SenderOffset..NonceOffset]);
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(NonceOffset)));
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(FeeOffset)));
        Assert.Equal(TestKeys.Stranger(1).ToArray(), bytes[ToOffset..AmountOffset]);
        Assert.Equal(12_345UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(AmountOffset)));
        Assert.Equal(transaction.Signature.ToArray(), bytes[SignatureOffset..]);
        Assert.Equal(Hash32.Sha256(bytes), transaction.Hash);
    }

    [Fact]
    public void A_transaction_decodes_back_to_the_same_fields_bytes_and_hash()
    {
        var original = Sample();
        var decoded = Transaction.Decode(original.Encoded.ToArray(), StandardChain.Modules);

        Assert.Equal(original.ChainId, decoded.ChainId);
        Assert.Equal(original.SenderPublicKey.ToArray(), decoded.SenderPublicKey.ToArray());
        Assert.Equal(original.Sender, decoded.Sender);
        Assert.Equal(original.Nonce, decoded.Nonce);
        Assert.Equal(original.Fee, decoded.Fee);
        Assert.Equal(original.Payload, decoded.Payload);
        Assert.Equal(original.Signature, decoded.Signature);
        Assert.Equal(original.Encoded.ToArray(), decoded.Encoded.ToArray());
        Assert.Equal(original.Hash, decoded.Hash);
        Assert.True(decoded.VerifySignature());
    }

    [Fact]
    public void Every_truncation_of_a_transaction_is_refused()
    {
        var bytes = Sample().Encoded.ToArray();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(Transaction.TryDecode(bytes.AsSpan(0, length), StandardChain.Modules, out var transaction, out var error), $"{length} bytes decoded");
            Assert.Null(transaction);
            Assert.Contains("truncated", error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_transaction_with_trailing_bytes_is_refused()
    {
        byte[] bytes = [.. Sample().Encoded.ToArray(), 0x00];

        Assert.False(Transaction.TryDecode(bytes, StandardChain.Modules, out _, out var error));
        Assert.Equal("transaction has 1 trailing bytes", error);
    }

    [Fact]
    public void An_unknown_version_is_refused()
    {
        var bytes = Sample().Encoded.ToArray();
        bytes[0] = 2;

        Assert.False(Transaction.TryDecode(bytes, StandardChain.Modules, out _, out var error));
        Assert.Equal("transaction version 2 is not supported; expected 1", error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(21)]
    [InlineData(255)]
    public void An_unknown_kind_is_refused(byte kind)
    {
        var bytes = Sample().Encoded.ToArray();
        bytes[KindOffset] = kind;

        Assert.False(Transaction.TryDecode(bytes, StandardChain.Modules, out _, out var error));
        Assert.Equal($"unknown transaction kind {kind}", error);
    }

    [Theory]
    [InlineData(new byte[] { 0xc0, 0xaf })] // overlong encoding of '/'
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })] // a UTF-16 surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xff })] // never valid in UTF-8
    public void A_chain_id_that_is_not_canonical_UTF8_is_refused(byte[] chainId)
    {
        var original = Sample().Encoded.ToArray();
        byte[] bytes = [Transaction.Version, (byte)chainId.Length, 0, .. chainId, .. original[KindOffset..]];

        Assert.False(Transaction.TryDecode(bytes, StandardChain.Modules, out _, out var error));
        Assert.Equal("chain_id is not valid UTF-8", error);
    }

    [Fact]
    public void A_transaction_larger_than_the_maximum_is_refused_before_parsing()
    {
        var bytes = new byte[Transaction.MaxEncodedSize + 1];

        Assert.False(Transaction.TryDecode(bytes, StandardChain.Modules, out _, out var error));
        Assert.Contains("at most 65535", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signature_of_a_fresh_transaction_verifies()
    {
        Assert.True(Sample().VerifySignature());
    }

    [Fact]
    public void Flipping_any_byte_of_the_encoding_makes_it_undecodable_or_its_signature_invalid()
    {
        var original = Sample().Encoded.ToArray();
        for (var i = 0; i < original.Length; i++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80, 0xff })
            {
                var bytes = (byte[])original.Clone();
                bytes[i] ^= mask;
                if (Transaction.TryDecode(bytes, StandardChain.Modules, out var tampered, out _))
                {
                    Assert.False(tampered!.VerifySignature(), $"flipping byte {i} with 0x{mask:x2} still verifies");
                    Assert.NotEqual(Sample().Hash, tampered.Hash);
                }
            }
        }
    }

    [Fact]
    public void A_signature_for_one_chain_does_not_verify_on_another()
    {
        var original = Sample();
        var bytes = original.Encoded.ToArray();

        // Same length chain id, so the rest of the layout is unchanged: only the signed bytes differ.
        "devnet2"u8.CopyTo(bytes.AsSpan(3));
        var moved = Transaction.Decode(bytes, StandardChain.Modules);

        Assert.Equal("devnet2", moved.ChainId);
        Assert.False(moved.VerifySignature());
    }

    [Fact]
    public void The_signature_covers_the_domain_tag()
    {
        var transaction = Sample();
        var unsigned = transaction.Encoded.ToArray().AsSpan(0, SignatureOffset);
        byte[] withTag = [.. "TheBlock/tx/v1"u8, .. unsigned];

        Assert.True(Crypto.Ed25519.Verify(transaction.SenderPublicKey.ToArray(), withTag, transaction.Signature.Span));
        Assert.False(Crypto.Ed25519.Verify(transaction.SenderPublicKey.ToArray(), unsigned, transaction.Signature.Span));
    }
}
