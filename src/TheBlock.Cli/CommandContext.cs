using System.CommandLine;
using System.Text.Json;
using TheBlock.Client;
using TheBlock.Client.Core;
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

    /// <summary>Calls <paramref name="contract"/>'s method and returns its <c>result</c> unchanged, for printing.</summary>
    public Task<JsonElement> CallRawAsync<TParams, TResult>(RpcContract<TParams, TResult> contract, TParams parameters, CancellationToken cancellationToken) =>
        Rpc().CallRawAsync(contract, parameters, cancellationToken);

    /// <summary>Calls <paramref name="contract"/>'s method for a value the CLI itself needs, typed by the contract's result.</summary>
    public async Task<TResult> CallAsync<TParams, TResult>(RpcContract<TParams, TResult> contract, TParams parameters, CancellationToken cancellationToken)
    {
        var result = await CallRawAsync(contract, parameters, cancellationToken).ConfigureAwait(false);
        return Read(contract, result);
    }

    /// <summary>Reads a <c>result</c> of <paramref name="contract"/>'s method; one the CLI cannot read is <c>unexpected_response</c>.</summary>
    public static TResult Read<TParams, TResult>(RpcContract<TParams, TResult> contract, JsonElement result)
    {
        try
        {
            return result.Deserialize(contract.ResultType) ?? throw new JsonException("null result");
        }
        catch (JsonException ex)
        {
            throw new CliException(CliErrors.Failed(CoreReasonRegistry.Cli.UnexpectedResponse, $"{contract.Method} returned a result contract-cli cannot read: {ex.Message}"));
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
                CoreReasonRegistry.Cli.KeyUnavailable,
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
            throw new CliException(CliErrors.Usage(CoreReasonRegistry.Cli.InvalidUrl, $"RPC URL \"{url}\" is not an http(s) URL; expected e.g. {RpcEndpoint.DefaultUrl}"));
        }

        _rpc = new RpcClient(endpoint, RpcEndpoint.ResolveToken(parseResult.GetValue(globals.Token)));
        return _rpc;
    }
}
