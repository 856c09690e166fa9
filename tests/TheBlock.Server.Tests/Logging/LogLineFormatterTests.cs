using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Parsing;
using TheBlock.Server.Logging;

namespace TheBlock.Server.Tests.Logging;

public sealed partial class LogLineFormatterTests
{
    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARN|ERROR) \S+ [A-Z][A-Za-z]+( |$)")]
    internal static partial Regex LinePattern();

    [Theory]
    [InlineData(LogLevel.Trace, "DEBUG")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Warning, "WARN")]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Critical, "ERROR")]
    public void Each_level_is_written_as_its_operator_name(LogLevel level, string expected)
    {
        var line = Render("chain", l => l.Log(level, "BlockCommitted height={Height}", 7));

        Assert.Matches(LinePattern(), line);
        Assert.EndsWith($" {expected} chain BlockCommitted height=7\n", line);
    }

    [Fact]
    public void A_line_is_timestamp_level_target_then_the_rendered_event()
    {
        var line = Render("chain", l => l.LogInformation("BlockCommitted height={Height} txs={Txs} hash={Hash}", 1042L, 3, "ab12cd"));

        Assert.Matches(LinePattern(), line);
        Assert.EndsWith(" INFO chain BlockCommitted height=1042 txs=3 hash=ab12cd\n", line);
        Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Timestamp_is_written_in_utc_with_milliseconds()
    {
        var at = new DateTimeOffset(2026, 11, 28, 15, 34, 50, 123, TimeSpan.FromHours(2));
        var logEvent = new LogEvent(at, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Started"),
            [new LogEventProperty(Constants.SourceContextPropertyName, new ScalarValue("chain"))]);

        Assert.Equal("2026-11-28T13:34:50.123Z INFO chain Started\n", Format(logEvent));
    }

    [Fact]
    public void An_event_without_a_category_keeps_a_placeholder_target()
    {
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Warning, null,
            new MessageTemplateParser().Parse("Orphan"), []);

        Assert.Equal("1970-01-01T00:00:00.000Z WARN - Orphan\n", Format(logEvent));
    }

    [Fact]
    public void A_category_with_spaces_stays_one_field()
    {
        var line = Render("my target", l => l.LogInformation("Started"));

        Assert.EndsWith(" INFO my_target Started\n", line);
    }

    [Fact]
    public void Plain_string_values_are_written_raw()
    {
        var line = Render("receipts",
            l => l.LogWarning("ReceiptRejected receipt_id={ReceiptId} market={Market} reason={Reason}", 4521, "storage", "insufficient_funds"));

        Assert.EndsWith(" WARN receipts ReceiptRejected receipt_id=4521 market=storage reason=insufficient_funds\n", line);
    }

    [Theory]
    [InlineData("Dependency 4 was rolled back", "\"Dependency 4 was rolled back\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("a=b", "\"a=b\"")]
    [InlineData("", "\"\"")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("back\\slash", "back\\slash")]
    [InlineData("quoted \\ backslash", "\"quoted \\\\ backslash\"")]
    public void Strings_with_whitespace_quotes_equals_or_nothing_are_quoted_with_json_escapes(string value, string expected)
    {
        var line = Render("chain", l => l.LogError("BlockRefused reason={Reason}", value));

        Assert.EndsWith($" BlockRefused reason={expected}\n", line);
    }

    [Fact]
    public void Newlines_in_values_and_in_template_text_are_escaped_so_an_event_stays_one_line()
    {
        var line = Render("rpc", l => l.LogWarning("RequestRejected reason={Reason}\nnext", "first\r\nsecond\u2028third"));

        Assert.EndsWith(" RequestRejected reason=\"first\\r\\nsecond\\u2028third\"\\nnext\n", line);
        Assert.Equal(1, line.Count(c => c == '\n'));
    }

    [Fact]
    public void An_exception_is_appended_on_the_same_line_as_type_and_message()
    {
        var error = new InvalidOperationException("disk \"data\" is full\n  at somewhere");

        var line = Render("chain", l => l.LogError(error, "BlockCommitFailed height={Height}", 9));

        Assert.EndsWith(
            " ERROR chain BlockCommitFailed height=9 exception=\"System.InvalidOperationException: disk \\\"data\\\" is full\\n  at somewhere\"\n",
            line);
        Assert.Equal(1, line.Count(c => c == '\n'));
    }

    [Fact]
    public void Numbers_use_the_invariant_culture_and_honour_a_format()
    {
        var line = Render("energy", l => l.LogInformation(
            "ReadingAccepted kwh={Kwh} ratio={Ratio} delta={Delta} price={Price:F2}", 1234.5m, 0.25d, -7L, 3.14159));

        Assert.EndsWith(" ReadingAccepted kwh=1234.5 ratio=0.25 delta=-7 price=3.14\n", line);
    }

    [Fact]
    public void Booleans_nulls_dates_and_lists_are_single_tokens()
    {
        var at = new DateTimeOffset(2026, 11, 28, 13, 34, 50, TimeSpan.Zero);
        var line = Render("receipts", l => l.LogInformation(
            "ReceiptEmitted valid={Valid} provider_id={ProviderId} at={At} ids={Ids}", true, null, at, new[] { 1, 2, 3 }));

        Assert.EndsWith(" ReceiptEmitted valid=true provider_id=null at=2026-11-28T13:34:50.0000000+00:00 ids=[1,2,3]\n", line);
    }

    [Fact]
    public void A_placeholder_without_a_value_is_written_as_its_template_text()
    {
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("Started port={Port}"),
            [new LogEventProperty(Constants.SourceContextPropertyName, new ScalarValue("rpc"))]);

        Assert.EndsWith(" INFO rpc Started port={Port}\n", Format(logEvent));
    }

    [Fact]
    public void The_console_sink_writes_whole_formatted_lines()
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(new ConsoleSink(new LogLineFormatter(), output)).CreateLogger())
        {
            logger.ForContext(Constants.SourceContextPropertyName, "chain").Information("BlockCommitted height={Height}", 1);
            logger.ForContext(Constants.SourceContextPropertyName, "chain").Information("BlockCommitted height={Height}", 2);
        }

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, line => Assert.Matches(LinePattern(), line));
    }

    private static string Render(string category, Action<Microsoft.Extensions.Logging.ILogger> log)
    {
        var sink = new CollectingSink();
        using (var factory = new SerilogLoggerFactory(
            new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger(), dispose: true))
        {
            log(factory.CreateLogger(category));
        }
        return Format(Assert.Single(sink.Events));
    }

    private static string Format(LogEvent logEvent)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        new LogLineFormatter().Format(logEvent, output);
        return output.ToString();
    }

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
