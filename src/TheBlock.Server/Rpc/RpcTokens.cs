using System.Security.Cryptography;
using System.Text;

namespace TheBlock.Server.Rpc;

/// <summary>The secret token of each privileged role; tells which role a presented bearer token belongs to.</summary>
public sealed class RpcTokens
{
    // Longer than any token we generate; refusing early bounds the hashing work an attacker can ask for.
    private const int MaxTokenBytes = 1024;

    private readonly (RpcRole Role, byte[] Digest)[] _entries;

    public RpcTokens(IReadOnlyDictionary<RpcRole, string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var entries = new List<(RpcRole, byte[])>(tokens.Count);
        foreach ((RpcRole role, string token) in tokens)
        {
            if (role == RpcRole.Public)
            {
                throw new ArgumentException("the public role has no token", nameof(tokens));
            }

            if (string.IsNullOrWhiteSpace(token) || Encoding.UTF8.GetByteCount(token) > MaxTokenBytes)
            {
                throw new ArgumentException($"the {role.ToWireName()} token must be 1 to {MaxTokenBytes} bytes", nameof(tokens));
            }

            byte[] digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
            foreach ((RpcRole other, byte[] otherDigest) in entries)
            {
                if (digest.AsSpan().SequenceEqual(otherDigest))
                {
                    throw new ArgumentException(
                        $"the {role.ToWireName()} and {other.ToWireName()} tokens are identical; each role needs its own", nameof(tokens));
                }
            }

            entries.Add((role, digest));
        }

        _entries = [.. entries];
    }

    /// <summary>No privileged role can be used: every non-public method answers unauthorized.</summary>
    public static RpcTokens None { get; } = new(new Dictionary<RpcRole, string>());

    /// <summary>The role whose token this is, or null. Runs in time independent of the token's content and length.</summary>
    public RpcRole? Authenticate(string? bearerToken)
    {
        if (string.IsNullOrEmpty(bearerToken) || _entries.Length == 0)
        {
            return null;
        }

        // Comparing SHA-256 digests of the UTF-8 bytes, rather than the bytes, keeps even the length of a token secret.
        Span<byte> utf8 = stackalloc byte[MaxTokenBytes];
        if (!Encoding.UTF8.TryGetBytes(bearerToken, utf8, out int length))
        {
            return null;
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        CryptographicOperations.ZeroMemory(utf8[..length]);

        RpcRole? match = null;
        foreach ((RpcRole role, byte[] expected) in _entries)
        {
            // No early exit: every configured token is compared whatever matched.
            if (CryptographicOperations.FixedTimeEquals(digest, expected))
            {
                match = role;
            }
        }

        return match;
    }

    /// <summary>Admin may call everything; other roles only their own methods.</summary>
    internal static bool Allows(RpcRole? presented, RpcRole required) =>
        required == RpcRole.Public || presented == RpcRole.Admin || presented == required;
}
