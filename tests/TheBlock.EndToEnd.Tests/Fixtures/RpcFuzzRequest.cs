using System.Text;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>One generated request: the raw body and which credentials go with it.</summary>
public sealed record RpcFuzzRequest(byte[] Body, RpcFuzzToken Token)
{
    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Body);
        return $"token {Token}, {Body.Length} bytes: {(text.Length > 2000 ? text[..2000] + "…" : text)}";
    }
}

/// <summary>The bearer token sent with a request: none, the devnet's admin token, or a wrong one.</summary>
public enum RpcFuzzToken
{
    None,
    Admin,
    Wrong,
}
