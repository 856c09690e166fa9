using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace TheBlock.Server.Logging;

/// <summary>
/// Writes one event as one line: <c>2026-11-28T13:34:50.123Z INFO chain BlockCommitted height=7 …</c>.
/// The line is the contract operators grep (spec/observability.md, Logs), so whatever a value contains,
/// the event never spans two lines and a value with spaces never splits into two fields.
/// </summary>
public sealed class LogLineFormatter : ITextFormatter
{
    // Events that did not come through Microsoft.Extensions.Logging have no category; keep the field.
    private const string MissingTarget = "-";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);

        Span<char> timestamp = stackalloc char[24];
        logEvent.Timestamp.UtcDateTime.TryFormat(timestamp, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        output.Write(timestamp[..length]);
        output.Write(' ');
        output.Write(LevelName(logEvent.Level));
        output.Write(' ');
        output.Write(Target(logEvent));
        output.Write(' ');
        WriteMessage(logEvent, output);
        if (logEvent.Exception is { } exception)
        {
            output.Write(" exception=");
            WriteQuoted($"{exception.GetType().FullName}: {exception.Message}", output);
        }
        // '\n' rather than Environment.NewLine: the file format is the same wherever the node runs.
        output.Write('\n');
    }

    internal static string LevelName(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => "DEBUG",
        LogEventLevel.Information => "INFO",
        LogEventLevel.Warning => "WARN",
        _ => "ERROR",
    };

    private static string Target(LogEvent logEvent)
    {
        if (!logEvent.Properties.TryGetValue(Constants.SourceContextPropertyName, out var value)
            || value is not ScalarValue { Value: string category }
            || category.Length == 0)
        {
            return MissingTarget;
        }
        // The target is a field of its own: a space in it would shift every field after it.
        return category.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? string.Create(category.Length, category, static (span, c) =>
              {
                  for (var i = 0; i < c.Length; i++)
                  {
                      span[i] = char.IsWhiteSpace(c[i]) || char.IsControl(c[i]) ? '_' : c[i];
                  }
              })
            : category;
    }

    private static void WriteMessage(LogEvent logEvent, TextWriter output)
    {
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property)
            {
                if (logEvent.Properties.TryGetValue(property.PropertyName, out var value))
                {
                    // Alignment is ignored on purpose: padding would put spaces inside a key=value pair.
                    WriteValue(value, property.Format, output);
                }
                else
                {
                    WriteLiteral(property.ToString(), output);
                }
            }
            else
            {
                WriteLiteral(((TextToken)token).Text, output);
            }
        }
    }

    private static void WriteValue(LogEventPropertyValue value, string? format, TextWriter output)
    {
        switch (value)
        {
            case ScalarValue scalar:
                WriteScalar(scalar.Value, format, output);
                break;
            default:
                // Composite values are rare in events; render them compactly, then quote the whole
                // thing if needed so the pair stays one field.
                using (var inner = new StringWriter(CultureInfo.InvariantCulture))
                {
                    WriteComposite(value, inner);
                    WriteString(inner.ToString(), output);
                }
                break;
        }
    }

    private static void WriteComposite(LogEventPropertyValue value, TextWriter output)
    {
        switch (value)
        {
            case SequenceValue sequence:
                output.Write('[');
                for (var i = 0; i < sequence.Elements.Count; i++)
                {
                    if (i > 0) output.Write(',');
                    WriteValue(sequence.Elements[i], null, output);
                }
                output.Write(']');
                break;
            case StructureValue structure:
                output.Write('{');
                for (var i = 0; i < structure.Properties.Count; i++)
                {
                    if (i > 0) output.Write(',');
                    output.Write(structure.Properties[i].Name);
                    output.Write(':');
                    WriteValue(structure.Properties[i].Value, null, output);
                }
                output.Write('}');
                break;
            case DictionaryValue dictionary:
                output.Write('{');
                var first = true;
                foreach (var (key, element) in dictionary.Elements)
                {
                    if (!first) output.Write(',');
                    first = false;
                    WriteScalar(key.Value, null, output);
                    output.Write(':');
                    WriteValue(element, null, output);
                }
                output.Write('}');
                break;
            default:
                output.Write(value.ToString(null, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteScalar(object? value, string? format, TextWriter output)
    {
        switch (value)
        {
            case null:
                output.Write("null");
                break;
            case string s:
                WriteString(s, output);
                break;
            case bool b:
                output.Write(b ? "true" : "false");
                break;
            case char c:
                WriteString(c.ToString(), output);
                break;
            case byte[] bytes:
                output.Write(Convert.ToHexStringLower(bytes));
                break;
            // The invariant ToString of dates contains spaces and slashes; ISO 8601 is what operators expect.
            case DateTimeOffset dto when format is null:
                output.Write(dto.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime dt when format is null:
                output.Write(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                WriteString(formattable.ToString(format, CultureInfo.InvariantCulture), output);
                break;
            default:
                WriteString(value.ToString() ?? "", output);
                break;
        }
    }

    /// <summary>Raw when the value is one plain token; otherwise quoted with JSON-style escapes.</summary>
    internal static void WriteString(string value, TextWriter output)
    {
        if (NeedsQuoting(value))
        {
            WriteQuoted(value, output);
        }
        else
        {
            output.Write(value);
        }
    }

    internal static bool NeedsQuoting(string value)
    {
        if (value.Length == 0) return true;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '=' or '\u2028' or '\u2029') return true;
        }
        return false;
    }

    private static void WriteQuoted(string value, TextWriter output)
    {
        output.Write('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': output.Write("\\\""); break;
                case '\\': output.Write("\\\\"); break;
                default: WriteEscapedChar(c, output); break;
            }
        }
        output.Write('"');
    }

    // Template text is written as is, except for anything that would end the line.
    private static void WriteLiteral(string text, TextWriter output)
    {
        foreach (var c in text)
        {
            WriteEscapedChar(c, output);
        }
    }

    private static void WriteEscapedChar(char c, TextWriter output)
    {
        switch (c)
        {
            case '\n': output.Write("\\n"); break;
            case '\r': output.Write("\\r"); break;
            case '\t': output.Write("\\t"); break;
            case '\b': output.Write("\\b"); break;
            case '\f': output.Write("\\f"); break;
            // Some readers treat U+2028/U+2029 as line breaks too.
            case '\u2028' or '\u2029':
            case var _ when char.IsControl(c):
                output.Write("\\u");
                output.Write(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                break;
            default: output.Write(c); break;
        }
    }
}
