using System.Globalization;
using System.Text;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// Generates JSON-RPC requests for a fuzz run from one seed, so a failing run is replayed exactly: calls to every
/// served method with params of wrong types and extreme values, broken envelopes, malformed bodies and junk
/// batches. Param names come from the node's methods and a few unknown ones, so a future method is exercised too.
/// </summary>
public sealed class RpcFuzzRequests
{
    // The param names the node's methods read, and a few they do not: whatever a method reads gets every kind of value.
    private static readonly string[] ParamNames =
    [
        "id", "height", "hash", "tx_hash", "tx", "account", "limit", "after_id", "status", "from_epoch", "to_epoch",
        "reason", "fault", "active", "proposal", "market", "provider", "meter", "batch", "amount", "x",
    ];

    private static readonly string[] ProposalFields =
    [
        "title", "summary", "destination", "amount_ct", "amount_it", "memo", "deps", "expected_receipts",
        "scheduled_epoch", "timelock_epochs", "vote_window_epochs", "rollback_window_epochs",
    ];

    // Numbers as JSON text: the edges of int, long and ulong, past ulong, fractions, exponents, negative zero.
    private static readonly string[] Numbers =
    [
        "0", "1", "2", "3", "-1", "-0", "1.5", "1e3", "1E400", "-1e400", "2147483647", "2147483648", "4294967296",
        "9007199254740993", "9223372036854775807", "9223372036854775808", "9223372036854775809",
        "18446744073709551614", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
        "-9223372036854775809", "0.0000001", "100000000000000000000000000000000",
    ];

    private static readonly string[] Words =
    [
        "", " ", "treasury", "treasury_escrow", "queued", "voting", "executed", "finalized", "rolled_back", "storage",
        "block_inclusion", "ct1", "ct1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "null", "0", "-1", "\\u0000",
        "\\ud800", "é漢字🙂", "../../etc/passwd", "'; DROP TABLE blocks; --", "%s%n", "Dependency was rolled back",
    ];

    private readonly Random _random;
    private readonly IReadOnlyList<string> _methods;
    private readonly HashSet<string> _called = new(StringComparer.Ordinal);

    public RpcFuzzRequests(int seed, IReadOnlyList<string> methods)
    {
        _random = new Random(seed);
        _methods = methods;
    }

    /// <summary>The served methods that some generated request has called with a well-formed envelope.</summary>
    public IReadOnlySet<string> Called => _called;

    public RpcFuzzRequest Next()
    {
        var token = Pick([RpcFuzzToken.None, RpcFuzzToken.None, RpcFuzzToken.Admin, RpcFuzzToken.Admin, RpcFuzzToken.Wrong]);
        var body = _random.Next(100) switch
        {
            < 55 => Encoding.UTF8.GetBytes(Call()),
            < 65 => Encoding.UTF8.GetBytes(BrokenEnvelope()),
            < 68 => RandomBytes(),
            < 78 => Encoding.UTF8.GetBytes(MalformedBody()),
            < 99 => Encoding.UTF8.GetBytes(Batch()),
            _ => Encoding.UTF8.GetBytes(Oversized()),
        };
        return new RpcFuzzRequest(body, token);
    }

    /// <param name="notification">true: no id; false: an id; null: a notification one time in ten.</param>
    /// <param name="wellFormed">false when the caller breaks the call afterwards, so it does not count in <see cref="Called"/>.</param>
    private string Call(bool? notification = null, bool wellFormed = true)
    {
        var isNotification = notification ?? _random.Next(10) == 0;
        var id = isNotification ? string.Empty : $"\"id\":{Id()},";
        var method = _random.Next(20) == 0 ? Word() : _methods[_random.Next(_methods.Count)];
        if (wellFormed)
        {
            _called.Add(method);
        }

        var parameters = _random.Next(10) switch
        {
            0 => string.Empty,
            1 => ",\"params\":null",
            2 => $",\"params\":[{Value(2)}]",
            3 => $",\"params\":{Scalar()}",
            _ => $",\"params\":{Params()}",
        };
        return $"{{\"jsonrpc\":\"2.0\",{id}\"method\":{Quote(method)}{parameters}}}";
    }

    /// <summary>
    /// One to three params, each under a known name (or, one time in eight, an unknown one); two values in three have
    /// the type the name usually takes, so calls get past type checks to the lookups behind them.
    /// </summary>
    private string Params()
    {
        var names = Enumerable.Range(0, _random.Next(1, 4))
            .Select(_ => _random.Next(8) == 0 ? RandomName() : Pick(ParamNames))
            .Distinct(StringComparer.Ordinal);
        var members = names.Select(name => $"{Quote(name)}:{(_random.Next(3) != 0 ? TypedValue(name) : Value(2))}");
        return "{" + string.Join(',', members) + "}";
    }

    private string TypedValue(string name) => name switch
    {
        "id" or "height" or "after_id" or "from_epoch" or "to_epoch" or "limit" or "amount" =>
            _random.Next(3) == 0 ? _random.Next(0, 40).ToString(CultureInfo.InvariantCulture) : Pick(Numbers),
        "hash" or "tx_hash" => Quote(Hex(32)),
        "tx" => Quote(Hex(_random.Next(0, 400))),
        "active" => Pick(["true", "false"]),
        "proposal" => Proposal(),
        _ => Quote(Word()),
    };

    private string Proposal()
    {
        var members = ProposalFields.Where(_ => _random.Next(3) != 0).Select(field => $"{Quote(field)}:{Value(1)}");
        return "{" + string.Join(',', members) + "}";
    }

    private string Value(int depth) => _random.Next(depth > 0 ? 10 : 8) switch
    {
        < 4 => Pick(Numbers),
        < 7 => Quote(_random.Next(6) == 0 ? Hex(_random.Next(0, 200)) : Word()),
        7 => Pick(["true", "false", "null"]),
        8 => $"[{string.Join(',', Enumerable.Range(0, _random.Next(4)).Select(_ => Value(depth - 1)))}]",
        _ => $"{{{Quote(Pick(ParamNames))}:{Value(depth - 1)}}}",
    };

    private string Scalar() => Pick(["1", "\"x\"", "true", "false"]);

    private string Id() => Pick(["1", "0", "-1", "\"a\"", "\"\"", "null", "1.5", "18446744073709551616", "1e400"]);

    private string BrokenEnvelope() => _random.Next(8) switch
    {
        0 => $"{{\"id\":1,\"method\":{Quote(Pick(_methods))}}}",
        1 => $"{{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":{Quote(Pick(_methods))}}}",
        2 => $"{{\"jsonrpc\":2.0,\"id\":1,\"method\":{Quote(Pick(_methods))}}}",
        3 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":" + Value(1) + "}",
        4 => $"{{\"jsonrpc\":\"2.0\",\"id\":{{\"a\":1}},\"method\":{Quote(Pick(_methods))}}}",
        5 => $"{{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":{Quote(Pick(_methods))}}}",
        6 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{Quote(new string('m', _random.Next(100, 5000)))}}}",
        _ => Scalar(),
    };

    private string MalformedBody()
    {
        var valid = Call(notification: false, wellFormed: false);
        return _random.Next(9) switch
        {
            0 => valid[..Math.Max(1, _random.Next(valid.Length))],
            7 => $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{Quote(Pick(_methods))},\"method\":\"node.status\"}}",
            1 => string.Empty,
            2 => Pick(["null", "[]", "{}", "[[]]", "[null]", "\"\"", "0", "[1,2,3]"]),
            3 => new string('[', 200) + new string(']', 200),
            4 => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"node.status\"," + new string('{', 100),
            5 => valid.Replace("\"", "'", StringComparison.Ordinal),
            6 => valid + "}",
            _ => "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"node.status\",\"params\":{\"a\":\"\\uZZZZ\"}}",
        };
    }

    private string Batch()
    {
        var size = _random.Next(20) == 0 ? _random.Next(100, 130) : _random.Next(1, 12);
        var elements = Enumerable.Range(0, size).Select(_ => _random.Next(6) switch
        {
            0 => BrokenEnvelope(),
            1 => Pick(["1", "null", "[]", "\"x\"", "{}"]),
            _ => Call(),
        });
        return "[" + string.Join(',', elements) + "]";
    }

    // Past the node's 1 MiB request limit.
    private string Oversized() =>
        $"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":{Quote(Pick(_methods))},\"params\":{{\"tx\":\"{new string('a', 1_100_000)}\"}}}}";

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 300)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Word() => Pick(Words);

    // One name in ten escapes a lone surrogate: valid JSON that no .NET string can hold.
    private string RandomName() =>
        (_random.Next(10) == 0 ? "\\udc00" : string.Empty) + new string([.. Enumerable.Range(0, _random.Next(1, 12)).Select(_ => (char)('a' + _random.Next(26)))]);

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexStringLower(buffer);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    // Words above are already JSON-escaped where they hold escapes; other text only needs its quotes and backslashes kept.
    private static string Quote(string text) =>
        "\"" + (text.Contains("\\u", StringComparison.Ordinal) ? text : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)) + "\"";
}
