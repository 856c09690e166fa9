using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// Moves disbursements through their lifecycle on a devnet as an operator does, with the real contract-cli
/// (<c>gov disburse create</c>, <c>gov vote</c>), and watches them with quick JSON-RPC reads (a CLI process per poll
/// would be too slow to see a state that lasts a few blocks).
/// </summary>
public sealed class TreasuryDriver : IDisposable
{
    /// <summary>Blocks per epoch of the treasury devnets: with 100 ms blocks an epoch is 0.2 s.</summary>
    public const string EpochLength = "2";

    /// <summary>
    /// The vote window the driver's proposals ask for: 20 epochs of 0.2 s leave the CLI's vote (a process start, a
    /// signature and a commit, under a second on an idle machine) four seconds to land before the tally.
    /// </summary>
    public const int VoteWindowEpochs = 20;

    /// <summary>Far beyond any test: a disbursement with this scheduled_epoch waits in timelocked.</summary>
    public const ulong FarEpoch = 1_000_000;

    public const ulong AccrualPerBlock = 250;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly RawRpc _rpc;
    private int _files;

    public TreasuryDriver(DevnetProcess devnet)
    {
        Devnet = devnet;
        _rpc = new RawRpc(devnet.RpcUrl);
    }

    public DevnetProcess Devnet { get; }

    public RawRpc Rpc => _rpc;

    public string AdminToken => File.ReadAllText(Path.Combine(Devnet.Home, ".config", "the-block", "token")).Trim();

    /// <summary>A treasury devnet: no simulator (nothing but the test moves the treasury), 2-block epochs, 100 ms blocks.</summary>
    public static Task<DevnetProcess> StartDevnetAsync(params string[] extraArgs) =>
        DevnetProcess.StartAsync(["--no-simulator", "--epoch-length", EpochLength, .. extraArgs]);

    /// <summary>A well-formed proposal paying <paramref name="amountCt"/> to <paramref name="destination"/>, with the driver's vote window.</summary>
    public static JsonObject Proposal(string title, string destination, ulong amountCt) => new()
    {
        ["title"] = title,
        ["destination"] = destination,
        ["amount_ct"] = amountCt,
        ["vote_window_epochs"] = VoteWindowEpochs,
    };

    /// <summary>Writes a proposal file under the devnet's root, as an operator would before <c>gov disburse create --json</c>.</summary>
    public async Task<string> WriteFileAsync(JsonNode document)
    {
        var path = Path.Combine(Devnet.Root, $"proposal-{Interlocked.Increment(ref _files)}.json");
        await File.WriteAllTextAsync(path, document.ToJsonString());
        return path;
    }

    /// <summary><c>contract-cli gov disburse create --json FILE</c>: the new disbursement.</summary>
    public async Task<JsonElement> CreateAsync(JsonNode proposal)
    {
        var created = await Devnet.CliJson("gov", "disburse", "create", "--json", await WriteFileAsync(proposal));
        // Printed right after the commit, so its state may already have moved on: check it is the one just proposed.
        Assert.True(created.GetProperty("title").GetString() == proposal["title"]!.GetValue<string>(), $"create printed another disbursement: {created}");
        return created;
    }

    /// <summary><c>contract-cli gov vote --id I --choice C</c> with the CLI key (dev account 1, 100 of 250 voting power).</summary>
    public Task<JsonElement> VoteAsync(ulong id, string choice = "yes") =>
        Devnet.CliJson("gov", "vote", "--id", Text(id), "--choice", choice);

    /// <summary>Creates a proposal and votes yes on it with the CLI key, which passes it alone; returns its id.</summary>
    public async Task<ulong> CreateApprovedAsync(JsonNode proposal)
    {
        var id = (await CreateAsync(proposal)).GetProperty("id").GetUInt64();
        var voted = await Devnet.Cli("gov", "vote", "--id", Text(id), "--choice", "yes");
        Assert.True(
            voted.ExitCode == 0,
            $"the CLI key's vote on disbursement {id} failed (voting_closed means it landed after the {proposal["vote_window_epochs"]}-epoch vote window): {voted}\n{Devnet.Diagnostics()}");
        using var vote = JsonDocument.Parse(voted.Stdout);
        Assert.True(vote.RootElement.GetProperty("tally").GetProperty("yes").GetUInt64() == 100, $"the CLI key's yes vote did not count: {voted.Stdout}");
        return id;
    }

    /// <summary>The result of a JSON-RPC call; fails the test with the error when there is one.</summary>
    public async Task<JsonElement> CallAsync(string method, string paramsJson = "{}", string? token = null)
    {
        var response = await _rpc.CallAsync(method, paramsJson, token);
        Assert.True(response.TryGetProperty("result", out var result), $"{method} {paramsJson} failed: {response}");
        return result;
    }

    public Task<JsonElement> ShowAsync(ulong id) => CallAsync("gov.treasury.show", $$"""{"id":{{id}}}""");

    public Task<JsonElement> BalanceAsync() => CallAsync("gov.treasury.balance");

    public async Task<JsonElement> ExecutorAsync() => (await BalanceAsync()).GetProperty("executor");

    public Task<JsonElement> ListAsync(string? status = null, int limit = 1000) =>
        CallAsync("gov.treasury.list", status is null ? $$"""{"limit":{{limit}}}""" : $$"""{"status":"{{status}}","limit":{{limit}}}""");

    /// <summary><c>node.ledger.inspect</c> of an address or system account, with up to <paramref name="entries"/> newest entries.</summary>
    public Task<JsonElement> InspectAsync(string account, int entries = 1000) =>
        CallAsync("node.ledger.inspect", $$"""{"account":"{{account}}","limit":{{entries}}}""");

    public async Task<ulong> HeightAsync() => (await CallAsync("node.status")).GetProperty("current_block_height").GetUInt64();

    /// <summary>Waits until the chain has committed <paramref name="blocks"/> more blocks.</summary>
    public async Task WaitForBlocksAsync(ulong blocks)
    {
        var target = await HeightAsync() + blocks;
        await Wait.UntilAsync(async () => await HeightAsync() >= target, Timeout, $"height {target}", Devnet.Diagnostics);
    }

    public static string State(JsonElement disbursement) => disbursement.GetProperty("status").GetProperty("state").GetString()!;

    /// <summary>
    /// Waits until disbursement <paramref name="id"/> is in one of <paramref name="states"/>; fails at once, with the
    /// disbursement, if it ends in another final state instead (a vote that came too late, a rollback nobody asked for).
    /// </summary>
    public async Task<JsonElement> WaitForStateAsync(ulong id, params string[] states)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < Timeout)
        {
            last = await ShowAsync(id);
            var state = State(last);
            if (states.Contains(state))
            {
                return last;
            }

            if (state is "finalized" or "rolled_back")
            {
                Assert.Fail($"disbursement {id} ended {state} while waiting for {string.Join(" or ", states)}: {last}\n{Devnet.Diagnostics()}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"timed out after {Timeout.TotalSeconds:0} s waiting for disbursement {id} to be {string.Join(" or ", states)}; last: {last}\n{Devnet.Diagnostics()}");
    }

    /// <summary>Waits until the executor's status satisfies <paramref name="condition"/>; returns that status.</summary>
    public async Task<JsonElement> WaitForExecutorAsync(Func<JsonElement, bool> condition, string what)
    {
        var found = await Wait.UntilAsync<object>(
            async () =>
            {
                var executor = await ExecutorAsync();
                return condition(executor) ? executor : null;
            },
            Timeout,
            what,
            Devnet.Diagnostics);
        return (JsonElement)found;
    }

    public static string? LastError(JsonElement executor) =>
        executor.GetProperty("last_error").ValueKind == JsonValueKind.Null ? null : executor.GetProperty("last_error").GetString();

    /// <summary>Generates a fresh key with <c>keys generate --out F</c>; returns its address and key file.</summary>
    public async Task<(string Address, string KeyFile)> NewKeyAsync(string name)
    {
        var keyFile = Path.Combine(Devnet.Root, name + ".key");
        var generated = await Devnet.CliJson("keys", "generate", "--out", keyFile);
        return (generated.GetProperty("address").GetString()!, keyFile);
    }

    public async Task<string> CliAddressAsync() => (await Devnet.CliJson("keys", "address")).GetProperty("address").GetString()!;

    /// <summary>Switches an injected fault on or off (devnet started with --allow-fault-injection).</summary>
    public async Task SetFaultAsync(string fault, bool active)
    {
        var result = await CallAsync("debug.fault.set", $$"""{"fault":"{{fault}}","active":{{(active ? "true" : "false")}}}""", AdminToken);
        Assert.Equal(active, result.GetProperty("active").GetBoolean());
    }

    public async Task<string> MetricsAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return await http.GetStringAsync(Devnet.MetricsUrl);
    }

    /// <summary>The value of one series (name and labels exactly as exposed) in a Prometheus text scrape.</summary>
    public static double Metric(string scrape, string series)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no series {series} in the scrape:\n{scrape}");
    }

    /// <summary>The error contract-cli reported: exit code, and the code, reason and message of its JSON on stderr (stdout empty).</summary>
    public static CliFailure Failure(ProcessResult result)
    {
        Assert.True(result.ExitCode != 0, $"expected contract-cli to fail: {result}");
        Assert.True(result.Stdout.Length == 0, $"a failing command must print nothing on stdout: {result}");
        using var document = JsonDocument.Parse(result.Stderr);
        var error = document.RootElement.GetProperty("error");
        return new CliFailure(result.ExitCode, error.GetProperty("code").GetInt64(), error.GetProperty("reason").GetString()!, error.GetProperty("message").GetString()!);
    }

    /// <summary>The node.log lines (every log file of the data dir) that match <paramref name="pattern"/>.</summary>
    public IReadOnlyList<string> LogLines(Regex pattern)
    {
        var logs = Path.GetDirectoryName(Devnet.NodeLog)!;
        return [.. Directory.GetFiles(logs, "*.log").SelectMany(f => DevnetProcess.ReadShared(f).Split('\n')).Where(l => pattern.IsMatch(l))];
    }

    public static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _rpc.Dispose();
}

public sealed record CliFailure(int ExitCode, long Code, string Reason, string Message);
