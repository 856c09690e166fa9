using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Crypto;

/// <summary>
/// Signature checks a host has already passed, so executing a block does not repeat them: a node that verified each
/// receipt as it admitted it hands these to the block it proposes. A hit stands for a successful Ed25519 verification of
/// exactly one public key, message digest and signature (<see cref="CheckOf"/>); a miss only means "verify now", so what
/// a block decides never depends on what is held here, only how much it costs.
/// </summary>
public interface IVerifiedSignatures
{
    bool Contains(Hash32 check);

    /// <summary>Names one (public key, SHA-256 of the signed message, signature) triple; a different key, message or signature names another.</summary>
    static Hash32 CheckOf(ReadOnlySpan<byte> publicKey, Hash32 messageDigest, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519.PublicKeySize || signature.Length != Ed25519.SignatureSize)
        {
            throw new ArgumentException($"a signature check names a {Ed25519.PublicKeySize}-byte key and a {Ed25519.SignatureSize}-byte signature");
        }

        Span<byte> triple = stackalloc byte[Ed25519.PublicKeySize + Hash32.Size + Ed25519.SignatureSize];
        publicKey.CopyTo(triple);
        messageDigest.CopyTo(triple[Ed25519.PublicKeySize..]);
        signature.CopyTo(triple[(Ed25519.PublicKeySize + Hash32.Size)..]);
        return Hash32.Sha256(triple);
    }
}
