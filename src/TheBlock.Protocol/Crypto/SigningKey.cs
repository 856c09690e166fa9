using NSec.Cryptography;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Crypto;

/// <summary>
/// An Ed25519 private key held as its 32-byte seed. Signing is deterministic, so this stays pure;
/// generating a seed needs randomness and is the hosts' job.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    private SigningKey(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Address = Address.FromPublicKey(PublicKey);
    }

    public byte[] PublicKey { get; }

    public Address Address { get; }

    public static SigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != Ed25519.PrivateKeySize)
        {
            throw new ArgumentException($"an Ed25519 private key is {Ed25519.PrivateKeySize} bytes, got {seed.Length}", nameof(seed));
        }

        var key = Key.Import(
            SignatureAlgorithm.Ed25519,
            seed,
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return new SigningKey(key);
    }

    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();
}
