using System.Security.Cryptography;
using System.Text;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>The node's emitter token, compared in constant time (both sides hashed first, so not even the length leaks).</summary>
public sealed class EmitterToken(string token)
{
    private readonly byte[] _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    public string Value { get; } = token.Trim();

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer &lt;token&gt;</c>.</summary>
    public bool Matches(string? authorization)
    {
        const string Scheme = "Bearer ";
        var presented = authorization is { } header && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : string.Empty;
        return CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented))) && presented.Length > 0;
    }
}
