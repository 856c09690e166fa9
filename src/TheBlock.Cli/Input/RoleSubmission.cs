using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TheBlock.Cli.Input;

/// <summary>
/// How a command hands documents to an ingestion role (an oracle, an emitter) over its HTTP endpoint: the role's base URL
/// from a flag, a variable or the default; the body from a file or stdin; the answer as JSON. A role that cannot be
/// reached exits 3 with the role's own reason; a role that answers without JSON is <c>unexpected_response</c>.
/// </summary>
/// <param name="Role">the role as a sentence names it ("oracle", "emitter").</param>
/// <param name="Flag">the option that overrides the URL, e.g. <c>--oracle</c>.</param>
/// <param name="Variable">the environment variable consulted next.</param>
/// <param name="UnreachableReason">the reason a role that cannot be reached is reported with.</param>
internal sealed record RoleSubmission(string Role, string Flag, string Variable, string DefaultUrl, string UnreachableReason)
{
    public const string AcceptedStatus = "accepted";

    public Option<string?> UrlOption() => new(Flag) { Description = $"The {Role}'s base URL (default ${Variable}, else {DefaultUrl}).", HelpName = "URL" };

    public string ResolveUrl(string? flagValue)
    {
        var baseUrl = (flagValue ?? Environment.GetEnvironmentVariable(Variable) ?? DefaultUrl).TrimEnd('/');
        return Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? baseUrl
            : throw new CliException(CliErrors.Usage($"{Flag} \"{baseUrl}\" is not an http(s) URL"));
    }

    public static async Task<string> ReadBodyAsync(string path, CancellationToken cancellationToken)
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

    public async Task<JsonElement> PostAsync(HttpClient http, string baseUrl, string path, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await http.PostAsync(baseUrl + path, content, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response, baseUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(baseUrl, ex);
        }
    }

    public async Task<JsonElement> GetAsync(HttpClient http, string baseUrl, string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(baseUrl + path, cancellationToken).ConfigureAwait(false);
            return await ReadJsonAsync(response, baseUrl, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
        {
            throw Unreachable(baseUrl, ex);
        }
    }

    /// <summary>
    /// The answer unchanged when every document was accepted; otherwise exit 1 with the first refusal's reason. An array
    /// is answered <c>{results: […]}</c>, one document by its answer alone.
    /// </summary>
    public static JsonElement RequireAccepted(JsonElement answer, string noun)
    {
        if (answer.TryGetProperty("results", out var results))
        {
            var refused = results.EnumerateArray().Where(r => Text(r, "status") != AcceptedStatus).ToList();
            return refused.Count == 0
                ? answer
                : throw new CliException(CliErrors.Failed(
                    Text(refused[0], "reason") ?? Text(refused[0], "status") ?? "rejected",
                    $"{refused.Count} of {results.GetArrayLength()} {noun}s were not accepted; the first: {Text(refused[0], "message")}"));
        }

        var status = Text(answer, "status");
        return status == AcceptedStatus
            ? answer
            : throw new CliException(CliErrors.Failed(Text(answer, "reason") ?? status ?? "rejected", Text(answer, "message") ?? $"the answer was {status}"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string baseUrl, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliException(CliErrors.Failed(Client.Core.CoreReasonRegistry.Cli.UnexpectedResponse, $"the {Role} at {baseUrl} answered HTTP {(int)response.StatusCode} without JSON"));
        }
    }

    private static bool IsUnreachable(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private CliException Unreachable(string baseUrl, Exception ex) =>
        new(CliErrors.Unreachable(UnreachableReason, $"cannot reach the {Role} at {baseUrl}: {ex.Message}"));
}
