using System.Text.Json;
using TheBlock.EndToEnd.Tests.Fixtures;
using TheBlock.Testing;

namespace TheBlock.EndToEnd.Tests.Receipts;

/// <summary>
/// A devnet in the state the runbook's "Receipts Flatlining" section reads on a healthy chain: every market (energy
/// through the simulator's meters and the oracle; storage, compute and ad through the in-process receipt-emitter) has
/// receipts in blocks, and the chain is past height 100, so the runbook's <c>head - 100</c> is a real height. Built
/// once for the runbook and README tests (<see cref="ReceiptsRunbookCollection"/>).
/// </summary>
public sealed class ReceiptsRunbookFixture : IAsyncLifetime
{
    /// <summary>The runbook re-validates the last 100 blocks; a few more make sure its arithmetic stays above 0.</summary>
    public const ulong PastRunbookWindow = 110;

    public static readonly IReadOnlyList<string> Markets = ["energy", "storage", "compute", "ad"];

    private DevnetProcess? _devnet;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public async Task InitializeAsync()
    {
        _devnet = await DevnetProcess.StartAsync();
        await EveryMarketEmittedAsync(_devnet);
        await _devnet.WaitForHeightAsync(PastRunbookWindow);
    }

    public async Task DisposeAsync()
    {
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }

    /// <summary>Waits until <c>receipts stats --market all</c> shows receipts of each of the four markets in blocks.</summary>
    public static async Task EveryMarketEmittedAsync(DevnetProcess devnet) =>
        await Wait.UntilAsync(
            async () =>
            {
                var stats = await devnet.CliJson("receipts", "stats", "--market", "all");
                var emitted = stats.GetProperty("markets").EnumerateArray()
                    .Where(m => m.GetProperty("emitted_total").GetUInt64() > 0)
                    .Select(m => m.GetProperty("market").GetString())
                    .ToHashSet();
                return Markets.All(emitted.Contains) ? (object)stats : null;
            },
            TimeSpan.FromSeconds(90),
            "receipts of every market (energy, storage, compute, ad) in blocks",
            devnet.Diagnostics);

    /// <summary>The JSON documents <paramref name="text"/> holds one after another (as jq or contract-cli print them).</summary>
    public static List<JsonElement> JsonDocuments(string text)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }

        return documents;
    }

    /// <summary>
    /// The sections of a snippet's output, each headed by its <c>=== … ===</c> echo: the header's text and the lines
    /// up to the next header.
    /// </summary>
    public static Dictionary<string, List<string>> Sections(string output)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal) && line.EndsWith(" ===", StringComparison.Ordinal))
            {
                current = sections[line[4..^4]] = [];
            }
            else
            {
                current?.Add(line);
            }
        }

        return sections;
    }
}
