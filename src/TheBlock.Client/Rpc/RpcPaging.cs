namespace TheBlock.Client.Rpc;

/// <summary>A paged method's <c>limit</c> param: <see cref="DefaultLimit"/> when absent, otherwise 1..<see cref="MaxLimit"/>.</summary>
public sealed record RpcPaging(int DefaultLimit, int MaxLimit)
{
    /// <summary>The wire name of the page-size param of every paged method.</summary>
    public const string LimitParam = "limit";

    /// <summary>The page size a validated <paramref name="limit"/> asks for.</summary>
    public int Resolve(int? limit) => limit ?? DefaultLimit;
}
