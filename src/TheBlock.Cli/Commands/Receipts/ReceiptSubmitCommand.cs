using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using TheBlock.Client.Receipts.Emitter;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>
/// <c>contract-cli receipts submit --file F [--emitter URL]</c>: posts a receipt submission (one receipt or an array, as
/// <c>receipts sign</c> prints it) to a receipt-emitter and prints its answer. Anything not accepted exits 1 with the
/// reason in the error JSON; an emitter that cannot be reached exits 3 (<c>emitter_unreachable</c>).
/// </summary>
internal static class ReceiptSubmitCommand
{
    public const string DefaultEmitter = "http://127.0.0.1:8002";
    public const string EmitterVariable = "THEBLOCK_EMITTER_URL";

    public static Command Create(CommandRunner runner)
    {
        var file = new Option<string>("--file") { Description = "The receipt JSON (from `receipts sign`), or - for stdin.", HelpName = "FILE", Required = true };
        var emitter = new Option<string?>("--emitter") { Description = $"The emitter's base URL (default ${EmitterVariable}, else {DefaultEmitter}).", HelpName = "URL" };
        var command = new Command("submit", HelpText.WithExample(
            "Submit a signed receipt to a receipt emitter. Prints the emitter's answer: accepted (durably queued for the chain) with the receipt id, or exits 1 with the reason it was refused.",
            "contract-cli receipts submit --file receipt.json"))
        {
            file,
            emitter,
        };
        runner.Handle(command, async (context, cancellationToken) =>
        {
            var body = await ReadAsync(context.Required(file), cancellationToken).ConfigureAwait(false);
            var baseUrl = (context.Value(emitter) ?? Environment.GetEnvironmentVariable(EmitterVariable) ?? DefaultEmitter).TrimEnd('/');
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliException(CliErrors.Usage($"--emitter \"{baseUrl}\" is not an http(s) URL"));
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var answer = await PostAsync(http, baseUrl, body, cancellationToken).ConfigureAwait(false);
            if (answer.TryGetProperty("results", out var results))
            {
                var refused = results.EnumerateArray().Where(r => r.GetProperty("status").GetString() != ReceiptAnswer.Accepted).ToList();
                return refused.Count == 0
                    ? answer
                    : throw new CliException(CliErrors.Failed(
                        refused[0].GetProperty("reason").GetString() ?? ReceiptAnswer.Rejected,
                        $"{refused.Count} of {results.GetArrayLength()} receipts were not accepted; the first: {refused[0].GetProperty("message").GetString()}"));
            }

            var single = answer.Deserialize(EmitterHttpJsonContext.Default.ReceiptAnswer)!;
            return single.Status == ReceiptAnswer.Accepted
                ? answer
                : throw new CliException(CliErrors.Failed(single.Reason ?? single.Status, single.Message ?? $"the emitter answered {single.Status}"));
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
            using var response = await http.PostAsync(baseUrl + "/receipts", content, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new CliException(CliErrors.Failed(Client.Core.CoreReasonRegistry.Cli.UnexpectedResponse, $"the emitter at {baseUrl} answered HTTP {(int)response.StatusCode} without JSON"));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException(CliErrors.Unreachable(EmitterReasons.EmitterUnreachable, $"cannot reach the emitter at {baseUrl}: {ex.Message}"));
        }
    }
}
