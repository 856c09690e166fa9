using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

internal static class RpcAssert
{
    /// <summary>Asserts the entry is an error with this code and reason, and returns its message.</summary>
    public static string Error(JsonElement entry, int code, string reason)
    {
        Assert.Equal("2.0", entry.GetProperty("jsonrpc").GetString());
        Assert.False(entry.TryGetProperty("result", out _), $"expected an error, got {entry}");
        JsonElement error = entry.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.Equal(reason, error.GetProperty("data").GetProperty("reason").GetString());
        return error.GetProperty("message").GetString()!;
    }

    public static JsonElement Result(JsonElement entry)
    {
        Assert.Equal("2.0", entry.GetProperty("jsonrpc").GetString());
        Assert.False(entry.TryGetProperty("error", out _), $"expected a result, got {entry}");
        return entry.GetProperty("result");
    }

    public static void IdIsNull(JsonElement entry) => Assert.Equal(JsonValueKind.Null, entry.GetProperty("id").ValueKind);

    public static string InvalidParams(JsonElement entry) => Error(entry, RpcErrorCodes.InvalidParams, CoreReasonRegistry.InvalidParams);
}
