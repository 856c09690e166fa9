using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using TheBlock.Client.Energy.Oracle;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>contract-cli energy reading submit --file F [--oracle URL] [--wait]</c>: posts a reading document (one reading or
/// an array) to an oracle and prints its answer. Anything not accepted exits 1 with the reason in the error JSON.
/// </summary>
internal static class ReadingSubmitCommand
{
    public const string DefaultOracle = "http://127.0.0.1:8001";
    public const string OracleVariable = "THEBLOCK_ORACLE_URL";
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Command Create(CommandRunner runner)
    {
        var file = new Option<string>("--file") { Description = "The reading JSON (from `energy reading sign`), or - for stdin.", HelpName = "FILE", Required = true };
        var oracle = new Option<string?>("--oracle") { Description = $"The oracle's base URL (default ${OracleVariable}, else {DefaultOracle}).", HelpName = "URL" };
        var wait = new Option<bool>("--wait") { Description = "For one reading: after it is accepted, wait until a committed block holds it and print where (credit id, height)." };
        var command = new Command("submit", HelpText.WithExample(
            "Submit a signed reading to an energy oracle. Prints the oracle's answer: accepted with a tracking id, or exits 1 with the reason it was refused.",
            "contract-cli energy reading submit --file reading.json"))
        {
            file,
            oracle,
            wait,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var body = await ReadAsync(context.Required(file), cancellationToken).ConfigureAwait(false);
            var baseUrl = (context.Value(oracle) ?? Environment.GetEnvironmentVariable(OracleVariable) ?? DefaultOracle).TrimEnd('/');
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliException(CliErrors.Usage($"--oracle \"{baseUrl}\" is not an http(s) URL"));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var answer = await PostAsync(http, baseUrl, body, cancellationToken).ConfigureAwait(false);
            if (answer.TryGetProperty("results", out var results))
            {
                var refused = results.EnumerateArray().Where(r => r.GetProperty("status").GetString() != ReadingAnswer.Accepted).ToList();
                return refused.Count == 0
                    ? answer
                    : throw new CliException(CliErrors.Failed(
                        refused[0].GetProperty("reason").GetString() ?? ReadingAnswer.Rejected,
                        $"{refused.Count} of {results.GetArrayLength()} readings were not accepted; the first: {refused[0].GetProperty("message").GetString()}"));
            }

            var single = answer.Deserialize(OracleJsonContext.Default.ReadingAnswer)!;
            if (single.Status != ReadingAnswer.Accepted)
            {
                throw new CliException(CliErrors.Failed(single.Reason ?? single.Status, single.Message ?? $"the oracle answered {single.Status}"));
            }

            return context.Value(wait) ? await WaitAsync(http, baseUrl, single.TrackingId!, context, cancellationToken).ConfigureAwait(false) : answer;
        });
        return command;
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return path == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(CliErrors.Usage($"cannot read {path}: {ex.Message}"));
        }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string baseUrl, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(baseUrl + "/readings", content, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response, baseUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException(CliErrors.Unreachable(OracleReasons.OracleUnreachable, $"cannot reach the oracle at {baseUrl}: {ex.Message}"));
        }
    }

    private static async Task<JsonElement> WaitAsync(HttpClient http, string baseUrl, string trackingId, CommandContext context, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + WaitTimeout;
        context.Progress?.Write($"waiting for reading {trackingId} to be committed ");
        while (true)
        {
            using var response = await http.GetAsync($"{baseUrl}/readings/{trackingId}", cancellationToken).ConfigureAwait(false);
            var view = await ReadJsonAsync(response, baseUrl, cancellationToken).ConfigureAwait(false);
            var status = view.GetProperty("status").GetString();
            if (status == TrackingView.Included)
            {
                context.Progress?.WriteLine("included");
                return view;
            }

            if (status != TrackingView.Pending)
            {
                context.Progress?.WriteLine(status);
                throw new CliException(CliErrors.Failed(
                    view.TryGetProperty("reason", out var reason) && reason.GetString() is { } code ? code : status ?? "rejected",
                    view.TryGetProperty("message", out var message) && message.GetString() is { } text ? text : $"reading {trackingId} is {status}"));
            }

            if (DateTimeOffset.UtcNow + PollInterval > deadline)
            {
                throw new CliException(CliErrors.Failed(Client.Core.CoreReasonRegistry.Cli.Timeout, $"reading {trackingId} was not committed within {WaitTimeout.TotalSeconds:0} s; ask the oracle again: GET {baseUrl}/readings/{trackingId}"));
            }

            context.Progress?.Write('.');
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string baseUrl, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException(CliErrors.Failed(Client.Core.CoreReasonRegistry.Cli.UnexpectedResponse, $"the oracle at {baseUrl} answered HTTP {(int)response.StatusCode} without JSON"));
        }
    }
}
