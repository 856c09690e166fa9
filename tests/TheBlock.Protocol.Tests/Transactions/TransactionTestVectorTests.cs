using TheBlock.Protocol;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Transactions;

/// <summary>
/// The transaction test vector of docs/PROTOCOL.md. Ed25519 is deterministic, so these bytes never change;
/// if this test fails, the wire format changed and every other implementation breaks with it.
/// </summary>
public class TransactionTestVectorTests
{
    public const string SeedHex = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    public const string PublicKeyHex = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
    public const string SenderAddress = "ct1vkmqvu7kakyyhuqu9s3zmq4d5p6q72dvtqtudu";
    public const string RecipientBytesHex = "2122232425262728292a2b2c2d2e2f3031323334";
    public const string RecipientAddress = "ct1yy3zxfp9ycnjs2f29vkz6t30xqcnyve5cznz46";
    public const string EncodedHex =
        "01" // version
        + "0600" // chain_id length
        + "6465766e6574" // chain_id "devnet"
        + "01" // kind (transfer)
        + "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664" // sender public key
        + "0100000000000000" // nonce 1
        + "0000000000000000" // fee 0
        + "2122232425262728292a2b2c2d2e2f3031323334" // to
        + "e803000000000000" // amount 1000
        + "894190e189164627f44826ce14afc20e3de187ff7de47d82f3945aa46754f898f09f8edf155bf0f0fab3d598c1d5cf44382de89f339f5de42b588aea2c7a080d"; // signature
    public const string HashHex = "9f4866147735704b458bb435309f4bbe26b141dc3856ff69289f5a54704a9696";

    private static Transaction Build()
    {
        using var key = SigningKey.FromSeed(Convert.FromHexString(SeedHex));
        var recipient = new Address(Convert.FromHexString(RecipientBytesHex));
        return Transaction.CreateSigned("devnet", key, nonce: 1, fee: 0, new TransferPayload(recipient, 1000));
    }

    [Fact]
    public void The_key_of_the_vector_seed_has_the_documented_public_key_and_address()
    {
        using var key = SigningKey.FromSeed(Convert.FromHexString(SeedHex));

        Assert.Equal(PublicKeyHex, Convert.ToHexStringLower(key.PublicKey));
        Assert.Equal(SenderAddress, key.Address.ToString());
        Assert.Equal(RecipientAddress, new Address(Convert.FromHexString(RecipientBytesHex)).ToString());
    }

    [Fact]
    public void The_vector_transfer_encodes_to_the_documented_bytes_and_hash()
    {
        var transaction = Build();

        Assert.Equal(EncodedHex, Convert.ToHexStringLower(transaction.Encoded.ToArray()));
        Assert.Equal(HashHex, transaction.Hash.ToString());
    }

    [Fact]
    public void The_documented_bytes_decode_to_the_vector_fields_and_verify()
    {
        var transaction = Transaction.Decode(Convert.FromHexString(EncodedHex), StandardChain.Modules);

        Assert.Equal("devnet", transaction.ChainId);
        Assert.Equal(SenderAddress, transaction.Sender.ToString());
        Assert.Equal(1UL, transaction.Nonce);
        Assert.Equal(0UL, transaction.Fee);
        Assert.Equal(new TransferPayload(new Address(Convert.FromHexString(RecipientBytesHex)), 1000), transaction.Payload);
        Assert.True(transaction.VerifySignature());
        Assert.Equal(HashHex, transaction.Hash.ToString());
    }
}
