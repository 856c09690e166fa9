using System.Text.Json.Serialization.Metadata;

namespace TheBlock.Client.Rpc;

/// <summary>
/// One JSON-RPC method as both ends see it: its name, the record its named params are read into and the record of
/// its result, with the source-generated metadata of each. The server registers its handler from it and the CLI and
/// tests call through it, so neither spells a method or param name by hand.
/// </summary>
public sealed class RpcContract<TParams, TResult>
{
    public RpcContract(string method, JsonTypeInfo<TParams> paramsType, JsonTypeInfo<TResult> resultType, RpcPaging? paging = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentNullException.ThrowIfNull(paramsType);
        ArgumentNullException.ThrowIfNull(resultType);
        Method = method;
        ParamsType = paramsType;
        ResultType = resultType;
        Paging = paging;
    }

    /// <summary>The dot-separated method name, also the CLI path (<c>gov.treasury.list</c>).</summary>
    public string Method { get; }

    public JsonTypeInfo<TParams> ParamsType { get; }

    public JsonTypeInfo<TResult> ResultType { get; }

    /// <summary>The bounds of the method's <c>limit</c> param when it returns a page; null otherwise.</summary>
    public RpcPaging? Paging { get; }

    /// <summary>
    /// The wire name of the params record's member <paramref name="memberName"/> (pass <c>nameof</c>), for a message or
    /// an error's <c>data.param</c> that names it: <c>TxHash</c> is <c>tx_hash</c>.
    /// </summary>
    public string ParamName(string memberName) =>
        ParamsType.Properties.Any(property => property.Name == ToWireName(memberName))
            ? ToWireName(memberName)
            : throw new ArgumentException($"{typeof(TParams).Name} has no param {memberName}", nameof(memberName));

    public override string ToString() => Method;

    private string ToWireName(string memberName) => ParamsType.Options.PropertyNamingPolicy?.ConvertName(memberName) ?? memberName;
}
