using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Transactions;

/// <summary>
/// A signed transaction. Canonical encoding (docs/PROTOCOL.md):
/// version u8 ‖ chain_id (u16-prefixed UTF-8) ‖ kind u8 ‖ sender public key [32] ‖ nonce u64 ‖ fee u64 ‖ payload ‖ signature [64].
/// The signature covers the domain tag "TheBlock/tx/v1" followed by every byte before the signature,
/// so a transaction cannot be replayed on another chain or reinterpreted as another kind.
/// </summary>
public sealed class Transaction
{
    public const byte Version = 1;
    public const int MaxEncodedSize = 65_535;
    private static ReadOnlySpan<byte> SigningDomain => "TheBlock/tx/v1"u8;

    // Private copies exposed read-only: the hash is computed once, so the bytes must never change under it.
    private readonly byte[] _senderPublicKey;
    private readonly byte[] _signature;
    private readonly byte[] _encoded;

    private Transaction(string chainId, byte[] senderPublicKey, ulong nonce, ulong fee, TransactionPayload payload, byte[] signature, byte[] encoded)
    {
        ChainId = chainId;
        _senderPublicKey = senderPublicKey;
        Nonce = nonce;
        Fee = fee;
        Payload = payload;
        _signature = signature;
        _encoded = encoded;
        Sender = Address.FromPublicKey(senderPublicKey);
        Hash = Hash32.Sha256(encoded);
    }

    public string ChainId { get; }

    public ReadOnlyMemory<byte> SenderPublicKey => _senderPublicKey;

    public Address Sender { get; }

    public ulong Nonce { get; }

    public ulong Fee { get; }

    public TransactionPayload Payload { get; }

    public TransactionKind Kind => Payload.Kind;

    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>The canonical bytes, signature included: what blocks store and what the hash covers.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    public Hash32 Hash { get; }

    public static Transaction CreateSigned(string chainId, SigningKey key, ulong nonce, ulong fee, TransactionPayload payload)
    {
        var unsigned = WriteUnsigned(chainId, key.PublicKey, nonce, fee, payload);
        var signature = key.Sign(SigningMessage(unsigned.WrittenSpan));
        unsigned.Fixed(signature);
        return new Transaction(chainId, key.PublicKey.ToArray(), nonce, fee, payload, signature, unsigned.ToArray());
    }

    /// <summary>
    /// Decodes canonical bytes, reading the payload with the kind <paramref name="modules"/> registers for its code; a
    /// malformed transaction or an unknown kind is a <see cref="FormatException"/> naming the field.
    /// </summary>
    public static Transaction Decode(ReadOnlySpan<byte> encoded, ChainModules modules)
    {
        if (encoded.Length > MaxEncodedSize)
        {
            throw new FormatException($"transaction is {encoded.Length} bytes; at most {MaxEncodedSize} are allowed");
        }

        var reader = new CanonicalReader(encoded);
        var version = reader.U8("version");
        if (version != Version)
        {
            throw new FormatException($"transaction version {version} is not supported; expected {Version}");
        }

        var chainId = reader.Utf8("chain_id");
        var code = reader.U8("kind");
        var type = modules.TypeOf(code) ?? throw new FormatException($"unknown transaction kind {code}");
        var sender = reader.Fixed(Ed25519.PublicKeySize, "sender").ToArray();
        var nonce = reader.U64("nonce");
        var fee = reader.U64("fee");
        var payload = type.Read(ref reader);
        var signature = reader.Fixed(Ed25519.SignatureSize, "signature").ToArray();
        reader.ExpectEnd("transaction");

        var canonical = WriteUnsigned(chainId, sender, nonce, fee, payload).Fixed(signature).ToArray();
        if (!canonical.AsSpan().SequenceEqual(encoded))
        {
            throw new FormatException("transaction is not in canonical encoding");
        }

        return new Transaction(chainId, sender, nonce, fee, payload, signature, canonical);
    }

    public static bool TryDecode(ReadOnlySpan<byte> encoded, ChainModules modules, out Transaction? transaction, out string error)
    {
        try
        {
            transaction = Decode(encoded, modules);
            error = string.Empty;
            return true;
        }
        catch (FormatException ex)
        {
            transaction = null;
            error = ex.Message;
            return false;
        }
    }

    public bool VerifySignature()
    {
        var unsignedLength = _encoded.Length - Ed25519.SignatureSize;
        return Ed25519.Verify(_senderPublicKey, SigningMessage(_encoded.AsSpan(0, unsignedLength)), _signature);
    }

    private static CanonicalWriter WriteUnsigned(string chainId, ReadOnlySpan<byte> sender, ulong nonce, ulong fee, TransactionPayload payload)
    {
        var writer = new CanonicalWriter(160).U8(Version).Utf8(chainId).U8(payload.Kind.Code).Fixed(sender).U64(nonce).U64(fee);
        payload.Write(writer);
        return writer;
    }

    private static byte[] SigningMessage(ReadOnlySpan<byte> unsigned)
    {
        var message = new byte[SigningDomain.Length + unsigned.Length];
        SigningDomain.CopyTo(message);
        unsigned.CopyTo(message.AsSpan(SigningDomain.Length));
        return message;
    }
}
