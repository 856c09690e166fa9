using System.Text.Json.Serialization;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

internal sealed record EchoResult(string Text, ulong? Amount);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EchoResult))]
internal sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>The methods the test server serves: an open echo, privileged methods that mutate a counter, a broken one.</summary>
internal sealed class TestMethods
{
    public const string SecretInException = "disk /var/lib/the-block/secret.db is on fire";

    private long _counter;
    private int _handlerCalls;

    public long Counter => Interlocked.Read(ref _counter);

    /// <summary>How many times a handler ran at all; the size-limit tests need it to stay 0.</summary>
    public int HandlerCalls => Volatile.Read(ref _handlerCalls);

    public IEnumerable<RpcMethod> All() =>
    [
        new("test.echo", RpcRole.Public, (p, _) =>
        {
            Touch();
            return ValueTask.FromResult(RpcOutcome.Ok(new EchoResult(p.GetString("text"), p.GetOptionalUInt64("amount")), TestJsonContext.Default.EchoResult));
        }),
        new("test.counter.increment", RpcRole.Admin, (p, _) =>
        {
            Touch();
            long by = p.Has("by") ? p.GetInt64("by") : 1;
            return ValueTask.FromResult(RpcOutcome.Ok(Interlocked.Add(ref _counter, by), RpcJsonContext.Default.Int64));
        }),
        new("test.oracle.ping", RpcRole.Oracle, (_, _) =>
        {
            Touch();
            return ValueTask.FromResult(RpcOutcome.Ok("pong", RpcJsonContext.Default.String));
        }),
        new("test.list", RpcRole.Public, (p, _) =>
        {
            Touch();
            return ValueTask.FromResult(RpcOutcome.Ok(p.GetLimit(), RpcJsonContext.Default.Int32));
        }),
        new("test.find", RpcRole.Public, (p, _) =>
        {
            Touch();
            ulong id = p.GetUInt64("id");
            return ValueTask.FromResult<RpcOutcome>(RpcError.NotFound(
                "disbursement_not_found", $"disbursement {id} does not exist", new Dictionary<string, object?> { ["id"] = id }));
        }),
        new("test.bad_result", RpcRole.Public, (_, _) =>
        {
            Touch();
            // Metadata for another type: the serializer refuses it halfway through the envelope.
            return ValueTask.FromResult<RpcOutcome>(new RpcResult("not a number", RpcJsonContext.Default.Int64));
        }),
        new("test.throw", RpcRole.Public, (_, _) =>
        {
            Touch();
            throw new InvalidOperationException(SecretInException);
        }),
    ];

    private void Touch() => Interlocked.Increment(ref _handlerCalls);
}
