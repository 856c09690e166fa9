using System.Text.Json;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;

namespace TheBlock.Cli.Output;

/// <summary>Prints a failure as exactly one JSON object on one line of stderr, whatever the output format.</summary>
internal static class ErrorOutput
{
    public static void Write(TextWriter stderr, CliError error)
    {
        var envelope = new ErrorEnvelope(new ErrorBody(error.Code, error.Reason, error.Message));
        stderr.Write(JsonOutput.Write(writer => JsonSerializer.Serialize(writer, envelope, CoreJsonContext.Default.ErrorEnvelope)) + "\n");
        stderr.Flush();
    }
}
