using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Parsing;
using TheBlock.Server.Logging;

namespace TheBlock.Server.Tests.Logging;

/// <summary>
/// The sink on its own, with the flush timer off: the tests call <c>Tick</c> where the timer would,
/// so what is on disk at each step is deterministic.
/// </summary>
public sealed partial class RotatingFileSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new("theblock-logging-", create: false);
    private readonly StringWriter _errors = new(CultureInfo.InvariantCulture);

    public RotatingFileSinkTests() => Directory.CreateDirectory(_dir.Path);

    public void Dispose()
    {
        _errors.Dispose();
        _dir.Dispose();
    }

    private string Live => _dir.File(LogFiles.Node);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Rotation_keeps_the_live_name_and_at_most_the_retained_files_newest_first_without_gaps(int retained)
    {
        const long limit = 300;
        const int events = 100;
        using (var sink = Sink(limit, retained))
        {
            for (var n = 0; n < events; n++) sink.Emit(Event(LogEventLevel.Information, n));
        }

        string[] expected = [LogFiles.Node, .. Enumerable.Range(1, retained - 1).Select(i => $"node.{i}.log")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), _dir.FileNames());
        var newestLast = expected.Reverse().ToArray();
        foreach (var name in newestLast)
        {
            Assert.InRange(new FileInfo(_dir.File(name)).Length, 1, limit);
        }
        var heights = newestLast.SelectMany(name => File.ReadAllLines(_dir.File(name)).Select(Height)).ToArray();
        Assert.Equal(events - 1, heights[^1]);
        Assert.True(heights[0] > 0);
        Assert.Equal(Enumerable.Range(heights[0], heights.Length), heights);
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void Rotation_deletes_files_beyond_a_lowered_retention_and_leaves_other_files_alone()
    {
        string[] stale = ["node.2.log", "node.5.log", "node.12.log"];
        string[] unrelated = ["node.backup.log", "node.01.log", "node_001.log", "receipts.log", "receipts.1.log", "node.1.log.gz"];
        foreach (var name in stale.Concat(unrelated)) File.WriteAllText(_dir.File(name), "old\n");

        using (var sink = Sink(fileSizeLimitBytes: 100, retainedFiles: 2))
        {
            sink.Emit(Event(LogEventLevel.Information, 1));
            sink.Emit(Event(LogEventLevel.Information, 2));
        }

        Assert.Equal(
            unrelated.Append("node.log").Append("node.1.log").Order(StringComparer.Ordinal),
            _dir.FileNames());
        Assert.Equal([1], File.ReadAllLines(_dir.File("node.1.log")).Select(Height));
        Assert.Equal([2], File.ReadAllLines(Live).Select(Height));
    }

    [Fact]
    public void An_existing_live_file_is_appended_to_and_rolled_when_the_next_line_does_not_fit()
    {
        File.WriteAllText(Live, "earlier line\n");
        using (var sink = Sink(fileSizeLimitBytes: 64, retainedFiles: 3))
        {
            sink.Emit(Event(LogEventLevel.Information, 1));
        }
        Assert.Equal(["earlier line"], File.ReadAllLines(_dir.File("node.1.log")));
        Assert.Equal([1], File.ReadAllLines(Live).Select(Height));

        File.WriteAllText(Live, "a\n");
        using (var sink = Sink(fileSizeLimitBytes: 1000, retainedFiles: 3))
        {
            sink.Emit(Event(LogEventLevel.Information, 2));
        }
        Assert.Equal("a", File.ReadAllLines(Live)[0]);
        Assert.Equal([2], File.ReadAllLines(Live).Skip(1).Select(Height));
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_written_whole_in_a_file_of_its_own()
    {
        var value = new string('x', 500);
        using (var sink = Sink(fileSizeLimitBytes: 100, retainedFiles: 5))
        {
            sink.Emit(Event(LogEventLevel.Information, 1));
            sink.Emit(Event(LogEventLevel.Information, 2, value));
            sink.Emit(Event(LogEventLevel.Information, 3));
        }

        Assert.Equal([1], File.ReadAllLines(_dir.File("node.2.log")).Select(Height));
        var big = Assert.Single(File.ReadAllLines(_dir.File("node.1.log")));
        Assert.EndsWith($"height=2 value={value}", big, StringComparison.Ordinal);
        Assert.Equal([3], File.ReadAllLines(Live).Select(Height));
    }

    [Fact]
    public void Lines_are_buffered_until_a_tick_but_an_error_is_written_at_once_with_everything_before_it()
    {
        using var sink = Sink(fileSizeLimitBytes: 1_000_000, retainedFiles: 2);

        sink.Emit(Event(LogEventLevel.Information, 1));
        Assert.Empty(ReadShared(Live));

        sink.Emit(Event(LogEventLevel.Error, 2));
        Assert.Equal([1, 2], ReadShared(Live).Select(Height));

        sink.Emit(Event(LogEventLevel.Warning, 3));
        Assert.Equal([1, 2], ReadShared(Live).Select(Height));
        sink.Tick();
        Assert.Equal([1, 2, 3], ReadShared(Live).Select(Height));
        Assert.All(ReadShared(Live), line => Assert.Matches(LogLineFormatterTests.LinePattern(), line));
    }

    [Fact]
    public void Dispose_writes_the_buffer_and_closes_the_file_and_later_events_are_ignored()
    {
        var sink = Sink(fileSizeLimitBytes: 1_000_000, retainedFiles: 2);
        sink.Emit(Event(LogEventLevel.Information, 1));
        sink.Dispose();
        sink.Emit(Event(LogEventLevel.Error, 2));
        sink.Tick();
        sink.Dispose();

        using (new FileStream(Live, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
        }
        Assert.Equal([1], File.ReadAllLines(Live).Select(Height));
    }

    public enum ExternalChange
    {
        Deleted,
        MovedAway,
        MovedAwayAndCreated,
        CopiedAndTruncated,
    }

    [Theory]
    [InlineData(ExternalChange.Deleted)]
    [InlineData(ExternalChange.MovedAway)]
    [InlineData(ExternalChange.MovedAwayAndCreated)]
    [InlineData(ExternalChange.CopiedAndTruncated)]
    public void After_an_external_logrotate_the_next_tick_reopens_the_file_by_name(ExternalChange change)
    {
        var moved = _dir.File("node.log-20260101");
        using var sink = Sink(fileSizeLimitBytes: 1_000_000, retainedFiles: 2);
        sink.Emit(Event(LogEventLevel.Information, 1));
        sink.Tick();

        switch (change)
        {
            case ExternalChange.Deleted:
                File.Delete(Live);
                break;
            case ExternalChange.MovedAway:
                File.Move(Live, moved);
                break;
            case ExternalChange.MovedAwayAndCreated:
                File.Move(Live, moved);
                File.WriteAllBytes(Live, []);
                break;
            case ExternalChange.CopiedAndTruncated:
                File.Copy(Live, moved);
                using (var truncate = new FileStream(Live, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    truncate.SetLength(0);
                }
                break;
        }
        sink.Tick();
        sink.Emit(Event(LogEventLevel.Information, 2));
        sink.Tick();

        // No stale bytes and no hole of NULs where the old offset was: exactly the new line.
        Assert.Equal([2], ReadShared(Live).Select(Height));
        Assert.DoesNotContain('\0', File.ReadAllText(Live));
        if (change != ExternalChange.Deleted)
        {
            Assert.Equal([1], File.ReadAllLines(moved).Select(Height));
        }
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void A_tick_without_external_changes_keeps_the_file()
    {
        using var sink = Sink(fileSizeLimitBytes: 1_000_000, retainedFiles: 2);
        for (var n = 1; n <= 5; n++)
        {
            sink.Emit(Event(LogEventLevel.Information, n));
            sink.Tick();
            sink.Tick();
        }
        Assert.Equal([1, 2, 3, 4, 5], ReadShared(Live).Select(Height));
    }

    [Fact]
    public void A_write_failure_never_throws_is_reported_once_and_logging_resumes_when_the_file_can_be_written()
    {
        // A directory where the log file should be: every open fails.
        Directory.CreateDirectory(Live);
        using var sink = Sink(fileSizeLimitBytes: 1_000_000, retainedFiles: 2);

        for (var n = 1; n <= 5; n++) sink.Emit(Event(n == 3 ? LogEventLevel.Error : LogEventLevel.Information, n));
        sink.Tick();
        var report = Assert.Single(Lines(_errors.ToString()));
        Assert.Contains($"cannot write {Live}", report, StringComparison.Ordinal);

        Directory.Delete(Live);
        sink.Emit(Event(LogEventLevel.Error, 6));
        Assert.Equal([6], ReadShared(Live).Select(Height));
        Assert.Equal(2, Lines(_errors.ToString()).Length);
        Assert.Contains($"writing {Live} again", Lines(_errors.ToString())[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_rotation_keeps_writing_the_live_file_past_the_limit_reports_once_and_rotates_when_it_can()
    {
        // A directory where node.1.log should go: renaming node.log to it fails.
        var blocker = _dir.File("node.1.log");
        Directory.CreateDirectory(blocker);
        File.WriteAllText(Path.Combine(blocker, "keep"), "x");
        using var sink = Sink(fileSizeLimitBytes: 100, retainedFiles: 3);

        for (var n = 1; n <= 6; n++) sink.Emit(Event(LogEventLevel.Error, n));
        Assert.Equal([1, 2, 3, 4, 5, 6], ReadShared(Live).Select(Height));
        var report = Assert.Single(Lines(_errors.ToString()));
        Assert.Contains($"cannot rotate {Live}", report, StringComparison.Ordinal);

        Directory.Delete(blocker, recursive: true);
        sink.Emit(Event(LogEventLevel.Error, 7));
        sink.Emit(Event(LogEventLevel.Error, 8));
        Assert.Equal([1, 2, 3, 4, 5, 6], File.ReadAllLines(_dir.File("node.2.log")).Select(Height));
        Assert.Equal([7], File.ReadAllLines(_dir.File("node.1.log")).Select(Height));
        Assert.Equal([8], ReadShared(Live).Select(Height));
        Assert.Single(Lines(_errors.ToString()));
    }

    [Fact]
    public void Concurrent_events_are_written_as_whole_lines_and_none_is_lost_across_rotations()
    {
        const int threads = 8;
        const int perThread = 300;
        using (var sink = Sink(fileSizeLimitBytes: 2048, retainedFiles: 10_000))
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                for (var n = 0; n < perThread; n++)
                {
                    sink.Emit(Event(n % 50 == 0 ? LogEventLevel.Error : LogEventLevel.Information, (t * perThread) + n, "thread-" + t));
                    if (n % 97 == 0) sink.Tick();
                }
            });
        }

        var names = _dir.FileNames();
        Assert.All(names, name => Assert.Matches(RotatedName(), name));
        Assert.All(names, name => Assert.InRange(new FileInfo(_dir.File(name)).Length, 1, 2048));
        var lines = names.SelectMany(name => File.ReadAllLines(_dir.File(name))).ToArray();
        Assert.All(lines, line => Assert.Matches(@"^\S+ (INFO|ERROR) chain BlockCommitted height=\d+ value=thread-\d$", line));
        Assert.Equal(Enumerable.Range(0, threads * perThread), lines.Select(Height).Order());
    }

    [Fact]
    public void Rotated_names_keep_the_extension_so_they_still_match_star_dot_log()
    {
        Assert.Equal("node.1.log", RotatingFileSink.RotatedFileName("node.log", 1));
        Assert.Equal("receipt-emitter.12.log", RotatingFileSink.RotatedFileName("receipt-emitter.log", 12));
        Assert.Equal("plain.3", RotatingFileSink.RotatedFileName("plain", 3));
    }

    /// <summary>The file's lines, read while the sink still holds it open for writing.</summary>
    internal static string[] ReadShared(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Lines(reader.ReadToEnd());
    }

    [GeneratedRegex(@"^node(\.\d+)?\.log$")]
    private static partial Regex RotatedName();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private RotatingFileSink Sink(long fileSizeLimitBytes, int retainedFiles) =>
        new(Live, new LogLineFormatter(), fileSizeLimitBytes, retainedFiles, Timeout.InfiniteTimeSpan, _errors, TimeProvider.System);

    private static LogEvent Event(LogEventLevel level, int height, string? value = null)
    {
        var template = value is null ? "BlockCommitted height={Height}" : "BlockCommitted height={Height} value={Value}";
        List<LogEventProperty> properties =
        [
            new("SourceContext", new ScalarValue("chain")),
            new("Height", new ScalarValue(height)),
        ];
        if (value is not null) properties.Add(new("Value", new ScalarValue(value)));
        return new LogEvent(DateTimeOffset.UtcNow, level, null, new MessageTemplateParser().Parse(template), properties);
    }

    private static int Height(string line) =>
        int.Parse(Regex.Match(line, @"height=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
}
