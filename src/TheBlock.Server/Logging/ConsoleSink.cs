using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace TheBlock.Server.Logging;

/// <summary>Writes formatted lines to a text writer (stdout), one whole line per write.</summary>
internal sealed class ConsoleSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        // Format first, write once: concurrent events must not interleave inside a line.
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        formatter.Format(logEvent, line);
        lock (_gate)
        {
            output.Write(line.ToString());
            output.Flush();
        }
    }
}
