using System.Text.Json;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Input;

/// <summary>A JSON document a command reads from a file, or from stdin when the path is <c>-</c>.</summary>
internal static class JsonInput
{
    public const string Stdin = "-";

    /// <summary>The parsed document; a file that cannot be read or is not JSON is a usage error naming it.</summary>
    public static JsonDocument Read(string path)
    {
        string text;
        try
        {
            text = path == Stdin ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException(CliErrors.Usage(TreasuryReasonRegistry.Cli.FileUnreadable, $"cannot read {Describe(path)}: {ex.Message}"));
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CliException(CliErrors.Usage(TreasuryReasonRegistry.Cli.InvalidJson, $"{Describe(path)} is not JSON: {ex.Message}"));
        }
    }

    private static string Describe(string path) => path == Stdin ? "stdin" : path;
}
