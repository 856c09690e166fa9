using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TheBlock.Client;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;

namespace TheBlock.Cli;

/// <summary>One command invocation: its parsed options, and the RPC client and key it needs, made on first use.</summary>
internal sealed class CommandContext(ParseResult parseResult, GlobalOptions globals, TextWriter? progress = null) : IDisposable
{
    private RpcClient? _rpc;

    public ParseResult ParseResult => parseResult;

    /// <summary>Where long operations report progress: stderr when it is a terminal, otherwise nowhere.</summary>
    public TextWriter? Progress => progress;

    public string OutputFormat => parseResult.GetValue(globals.Output) ?? GlobalOptions.Json;

    public string KeyPath => parseResult.GetValue(globals.Key) is { Length: > 0 } path ? path : RpcEndpoint.DefaultKeyFile;

    public T? Value<T>(Option<T> option) => parseResult.GetValue(option);

    public T Required<T>(Option<T> option) => parseResult.GetRequiredValue(option);

    /// <summary>Calls <paramref name="method"/> and returns its <c>result</c> unchanged.</summary>
    public Task<JsonElement> CallAsync(string method, JsonObject parameters, CancellationToken cancellationToken) =>
        Rpc().CallAsync(method, parameters, cancellationToken);

    /// <summary>Calls <paramref name="method"/> for a value the CLI itself needs, typed by the shared wire DTO.</summary>
    public async Task<T> CallAsync<T>(string method, JsonObject parameters, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var result = await CallAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        return Read(method, result, type);
    }

    public static T Read<T>(string method, JsonElement result, JsonTypeInfo<T> type)
    {
        try
        {
            return result.Deserialize(type) ?? throw new JsonException("null result");
        }
        catch (JsonException ex)
        {
            throw new CliException(CliErrors.Failed(CliErrors.UnexpectedResponse, $"{method} returned a result contract-cli cannot read: {ex.Message}"));
        }
    }

    public SigningKey LoadSigningKey()
    {
        var path = KeyPath;
        try
        {
            return SigningKey.FromSeed(KeyFile.Read(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            var why = ex.Message.Contains(path, StringComparison.Ordinal) ? ex.Message : $"key file {path}: {ex.Message}";
            throw new CliException(CliErrors.Usage(
                CliErrors.KeyUnavailable,
                $"{why}; pass --key FILE or create one with: contract-cli keys generate --out {path}"));
        }
    }

    public void Dispose() => _rpc?.Dispose();

    private RpcClient Rpc()
    {
        if (_rpc is not null)
        {
            return _rpc;
        }

        var url = RpcEndpoint.ResolveUrl(parseResult.GetValue(globals.Rpc));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(CliErrors.Usage(CliErrors.InvalidUrl, $"RPC URL \"{url}\" is not an http(s) URL; expected e.g. {RpcEndpoint.DefaultUrl}"));
        }

        _rpc = new RpcClient(endpoint, RpcEndpoint.ResolveToken(parseResult.GetValue(globals.Token)));
        return _rpc;
    }
}
