using System.CommandLine;
using TheBlock.Client.Rpc;

namespace TheBlock.Cli;

/// <summary>Options valid on every command (recursive), and how the output format is chosen.</summary>
internal sealed class GlobalOptions
{
    public const string Json = "json";
    public const string Table = "table";

    public Option<string?> Rpc { get; } = new("--rpc")
    {
        Description = $"JSON-RPC endpoint URL (else ${RpcEndpoint.UrlVariable}, else {RpcEndpoint.DefaultUrl}).",
        HelpName = "URL",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token, needed only by admin commands (else ${RpcEndpoint.TokenVariable}, else ~/.config/the-block/token). Transactions are authorised by their signature.",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "Signing key file (else ~/.config/the-block/keys/default.key).",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string> Output { get; } = new Option<string>("--output")
    {
        Description = "Output format: json (default, for jq) or table (for people).",
        DefaultValueFactory = _ => Json,
        Recursive = true,
    }.AcceptOnlyFromAmong(Json, Table);

    public void AddTo(Command root)
    {
        root.Options.Add(Rpc);
        root.Options.Add(Token);
        root.Options.Add(Key);
        root.Options.Add(Output);
    }
}
