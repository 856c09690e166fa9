using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TheBlock.Server.Rpc;

/// <summary>Who sent one HTTP request: the remote address, and the role of its bearer token, looked up only if needed.</summary>
internal sealed class RpcCaller(HttpContext context, RpcTokens tokens)
{
    private bool _authenticated;
    private RpcRole? _role;

    public IPAddress? Remote { get; } = context.Connection.RemoteIpAddress;

    /// <summary>The presented token's role, or null for none or a wrong one. Public calls never pay for the lookup.</summary>
    public RpcRole? Role
    {
        get
        {
            if (!_authenticated)
            {
                _role = tokens.Authenticate(ReadBearerToken(context.Request));
                _authenticated = true;
            }

            return _role;
        }
    }

    private static string? ReadBearerToken(HttpRequest request)
    {
        string? header = request.Headers[HeaderNames.Authorization] is { Count: 1 } values ? values[0] : null;
        const string Scheme = "Bearer ";
        return header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
    }
}
