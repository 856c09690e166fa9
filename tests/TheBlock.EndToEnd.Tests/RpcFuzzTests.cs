using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// A bounded, seeded fuzz of the whole JSON-RPC surface of a real devnet (simulated traffic on, so ids and
/// heights exist): every answer must be a result or a JSON-RPC error with a reason, never internal_error or a
/// 5xx; the node must stay up and the settlement audit must still conserve. The methods come from the node's
/// rpc.methods, so a new method is fuzzed without touching this test. THEBLOCK_RPC_FUZZ_SEED replays a run.
/// </summary>
public sealed partial class RpcFuzzTests
{
    private const string SeedVariable = "THEBLOCK_RPC_FUZZ_SEED";
    private const int DefaultSeed = 20261206;
    private const int RequestCount = 6000;
    private const int MinimumRequests = 500;
    private const int MaxRefusalLines = 100;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    private static readonly string[] ExpectedOutcomes =
    [
        "result", "parse_error", "invalid_request", "method_not_found", "invalid_params", "unauthorized",
        "batch_too_large", "request_too_large", "block_not_found", "disbursement_not_found", "invalid_format",
    ];

    [Fact]
    public async Task Fuzzed_requests_to_every_method_get_a_result_or_a_reasoned_error_and_the_ledger_still_conserves()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;
        await using var devnet = await DevnetProcess.StartAsync();
        using var rpc = new RawRpc(devnet.RpcUrl);
        var adminToken = File.ReadAllText(Path.Combine(devnet.Home, ".config", "the-block", "token")).Trim();
        var methods = (await rpc.CallAsync("rpc.methods")).GetProperty("result").GetProperty("methods").EnumerateArray()
            .Select(method => method.GetProperty("name").GetString()!)
            .ToList();
        var requests = new RpcFuzzRequests(seed, methods);
        var replay = $"seed {seed} (replay with {SeedVariable}={seed})";

        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (; sent < RequestCount && clock.Elapsed < Budget; sent++)
        {
            var request = requests.Next();
            var token = request.Token switch
            {
                RpcFuzzToken.Admin => adminToken,
                RpcFuzzToken.Wrong => adminToken + "-wrong",
                _ => null,
            };
            var (status, body) = await rpc.PostBytesAsync(request.Body, token);
            if (Problem(status, body) is { } problem)
            {
                Assert.Fail($"{replay}, request {sent}: {problem}\nrequest: {request}\nHTTP {status}: {body}\n{devnet.Diagnostics()}");
            }

            foreach (var outcome in Outcomes(body))
            {
                answers[outcome] = answers.GetValueOrDefault(outcome) + 1;
            }
        }

        var seen = string.Join(", ", answers.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}"));
        Assert.True(sent >= MinimumRequests, $"{replay}: only {sent} requests in {Budget.TotalSeconds:0} s");
        Assert.Empty(methods.Except(requests.Called));
        // A fuzz that only ever hit one wall (all parse errors, all rate limited) would prove nothing.
        foreach (var expected in ExpectedOutcomes)
        {
            Assert.True(answers.ContainsKey(expected), $"{replay}: no answer was {expected} in {sent} requests; answers were {seen}");
        }

        Assert.True(devnet.IsRunning, $"{replay}: the devnet exited\n{devnet.Diagnostics()}");
        Assert.Equal(0, (await devnet.Cli("node", "status")).ExitCode);
        var audit = await devnet.CliJson("audit", "settlement");
        Assert.True(audit.GetProperty("conserved").GetBoolean(), $"{replay}: the settlement audit does not conserve after the fuzz: {audit}");
        var refusalLines = DevnetProcess.ReadShared(devnet.NodeLog).Split('\n').Count(line => line.Contains("RpcUnauthorized", StringComparison.Ordinal));
        Assert.True(refusalLines <= MaxRefusalLines, $"{replay}: {refusalLines} RpcUnauthorized lines in node.log after {sent} requests");
    }

    /// <summary>"result" or the error reason of each entry of an answer that passed <see cref="Problem"/>.</summary>
    private static IEnumerable<string> Outcomes(string body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        var root = JsonElement.Parse(body);
        return (root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : new[] { root })
            .Select(entry => entry.TryGetProperty("result", out _) ? "result" : entry.GetProperty("error").GetProperty("data").GetProperty("reason").GetString()!);
    }

    /// <summary>What is wrong with one answer, or null when it is a result or a reasoned error.</summary>
    private static string? Problem(int status, string body)
    {
        if (status is not (200 or 204 or 413 or 429))
        {
            return $"HTTP status {status}";
        }

        if (status == 204)
        {
            return body.Length == 0 ? null : "a 204 with a body";
        }

        JsonElement root;
        try
        {
            root = JsonElement.Parse(body);
        }
        catch (JsonException ex)
        {
            return $"the answer is not JSON: {ex.Message}";
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.GetArrayLength() == 0
                ? "an empty batch answer"
                : root.EnumerateArray().Select(EntryProblem).FirstOrDefault(problem => problem is not null);
        }

        return EntryProblem(root);
    }

    private static string? EntryProblem(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("jsonrpc", out var version) || version.GetString() != "2.0")
        {
            return "an answer that is not a JSON-RPC 2.0 response object";
        }

        var hasResult = entry.TryGetProperty("result", out _);
        var hasError = entry.TryGetProperty("error", out var error);
        if (hasResult == hasError)
        {
            return "an answer with both or neither of result and error";
        }

        if (hasResult)
        {
            return null;
        }

        if (!error.TryGetProperty("code", out var code) || !code.TryGetInt32(out var number)
            || !error.TryGetProperty("message", out var message) || string.IsNullOrWhiteSpace(message.GetString())
            || !error.TryGetProperty("data", out var data) || !data.TryGetProperty("reason", out var reason)
            || reason.ValueKind != JsonValueKind.String || !ReasonPattern().IsMatch(reason.GetString()!))
        {
            return "an error without an integer code, a message and a snake_case data.reason";
        }

        return number == -32603 || reason.GetString() == "internal_error" ? "internal_error" : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ReasonPattern();
}
