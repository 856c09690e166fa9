using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using TheBlock.Server.Logging;

namespace TheBlock.Server.Tests.Logging;

public sealed class FileLoggingTests : IDisposable
{
    private readonly TempDirectory _dir = new("theblock-logging-", create: false);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Receipts_events_go_only_to_receipts_log_and_everything_else_to_node_log()
    {
        using (var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, [LogFileRoute.Receipts], new FileLoggingOptions())))
        {
            factory.CreateLogger("receipts").LogInformation("ReceiptEmitted market={Market}", "storage");
            factory.CreateLogger("receipts.validation").LogWarning("ReceiptInvalid market={Market}", "compute");
            factory.CreateLogger("chain").LogInformation("BlockCommitted height={Height}", 1);
            factory.CreateLogger("receipts_emitter").LogInformation("EmitterConnected market={Market}", "ad");
        }

        var receipts = File.ReadAllLines(_dir.File(LogFiles.Receipts));
        var node = File.ReadAllLines(_dir.File(LogFiles.Node));
        Assert.Equal(["ReceiptEmitted market=storage", "ReceiptInvalid market=compute"], receipts.Select(Event));
        Assert.Equal(["BlockCommitted height=1", "EmitterConnected market=ad"], node.Select(Event));
        Assert.All(receipts.Concat(node), line => Assert.Matches(LogLineFormatterTests.LinePattern(), line));
    }

    [Fact]
    public void Files_roll_at_the_size_limit_the_live_file_keeps_its_name_and_only_the_newest_retained_files_are_kept()
    {
        const long limit = 1000;
        const int events = 200;
        var options = new FileLoggingOptions(FileSizeLimitBytes: limit, RetainedFiles: 3);
        using (var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, options)))
        {
            var logger = factory.CreateLogger("chain");
            for (var n = 0; n < events; n++)
            {
                logger.LogInformation("BlockCommitted height={Height} hash={Hash}", n, "00ff00ff00ff00ff");
            }
        }

        // node.log is live and newest, node.1.log the one before it, node.2.log the oldest kept.
        Assert.Equal(["node.1.log", "node.2.log", "node.log"], _dir.FileNames());
        string[] newestLast = ["node.2.log", "node.1.log", "node.log"];
        var longestLine = newestLast.SelectMany(name => File.ReadLines(_dir.File(name))).Max(l => l.Length + 1);
        foreach (var name in newestLast)
        {
            var size = new FileInfo(_dir.File(name)).Length;
            // A file is rolled before the next line would take it past the limit, never after.
            Assert.InRange(size, name == LogFiles.Node ? 1 : limit - longestLine + 1, limit);
        }
        // The oldest events were deleted with their files; the retained ones are the newest, without gaps.
        var heights = newestLast.SelectMany(name => File.ReadAllLines(_dir.File(name)).Select(Height)).ToArray();
        Assert.Equal(events - 1, heights[^1]);
        Assert.True(heights[0] > 0);
        Assert.Equal(Enumerable.Range(heights[0], heights.Length), heights);
    }

    [Fact]
    public void An_error_is_in_the_file_at_once_and_other_events_within_the_flush_interval()
    {
        using var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, new FileLoggingOptions()));
        var logger = factory.CreateLogger("chain");

        logger.LogError("StorageFailed reason={Reason}", "disk");
        Assert.Equal(["StorageFailed reason=disk"], RotatingFileSinkTests.ReadShared(_dir.File(LogFiles.Node)).Select(Event));

        logger.LogInformation("BlockCommitted height={Height}", 2);
        Assert.True(
            SpinWait.SpinUntil(() => RotatingFileSinkTests.ReadShared(_dir.File(LogFiles.Node)).Length == 2, TimeSpan.FromSeconds(10)),
            "an Information event reaches the file within the one-second flush interval, without Dispose");
    }

    [Fact]
    public void A_live_file_deleted_by_an_operator_is_created_again_and_written()
    {
        var node = _dir.File(LogFiles.Node);
        var height = 0;
        using (var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, new FileLoggingOptions())))
        {
            var logger = factory.CreateLogger("chain");
            logger.LogError("BlockCommitted height={Height}", ++height);
            File.Delete(node);

            // The sink checks the path every flush interval; keep logging until it has noticed.
            Assert.True(
                SpinWait.SpinUntil(() =>
                {
                    logger.LogError("BlockCommitted height={Height}", ++height);
                    Thread.Sleep(20);
                    return File.Exists(node);
                }, TimeSpan.FromSeconds(10)),
                "node.log is recreated after it was deleted");
            logger.LogInformation("BlockCommitted height={Height}", ++height);
        }

        var heights = File.ReadAllLines(node).Select(Height).ToArray();
        Assert.NotEmpty(heights);
        Assert.Equal(Enumerable.Range(height - heights.Length + 1, heights.Length), heights);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Debug_events_are_written_only_when_verbose(bool verbose)
    {
        using (var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, new FileLoggingOptions(Verbose: verbose))))
        {
            factory.CreateLogger("chain").LogDebug("MempoolScanned txs={Txs}", 4);
            factory.CreateLogger("chain").LogInformation("BlockCommitted height={Height}", 1);
        }

        var events = File.ReadAllLines(_dir.File(LogFiles.Node)).Select(Event).ToArray();
        Assert.Equal(verbose ? ["MempoolScanned txs=4", "BlockCommitted height=1"] : ["BlockCommitted height=1"], events);
    }

    [Fact]
    public void Framework_categories_below_warning_are_dropped_even_when_verbose()
    {
        using (var factory = Factory(FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node, new FileLoggingOptions(Verbose: true))))
        {
            factory.CreateLogger("Microsoft.Hosting.Lifetime").LogInformation("Application started");
            factory.CreateLogger("System.Net.Http.HttpClient").LogInformation("Sending request");
            factory.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").LogWarning("Overloaded");
        }

        var line = Assert.Single(File.ReadAllLines(_dir.File(LogFiles.Node)));
        Assert.Contains(" WARN Microsoft.AspNetCore.Server.Kestrel Overloaded", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_file_logging_replaces_the_other_providers_and_the_host_disposal_flushes_the_file()
    {
        var other = new CountingProvider();
        var services = new ServiceCollection().AddLogging(builder =>
        {
            builder.AddProvider(other);
            builder.AddTheBlockFileLogging(_dir.Path, LogFiles.Oracle, new FileLoggingOptions(Verbose: true));
        });
        using (var provider = services.BuildServiceProvider())
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("energy_oracle");
            logger.LogDebug("ReadingPolled provider_id={ProviderId}", "p-1");
            logger.LogWarning("TimestampSkew provider_id={ProviderId} skew_seconds={Skew}", "p-1", 42);
        }

        Assert.Equal(0, other.Loggers);
        Assert.Equal(["ReadingPolled provider_id=p-1", "TimestampSkew provider_id=p-1 skew_seconds=42"],
            File.ReadAllLines(_dir.File(LogFiles.Oracle)).Select(Event));
        // Disposed with the host: nothing holds the file open any more.
        using var exclusive = new FileStream(_dir.File(LogFiles.Oracle), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    [Fact]
    public void Routes_that_would_send_an_event_to_two_files_are_rejected()
    {
        FileLoggingOptions options = new();
        Assert.Throws<ArgumentException>(() => FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node,
            [new LogFileRoute("a.log", ["receipts"]), new LogFileRoute("b.log", ["receipts"])], options));
        Assert.Throws<ArgumentException>(() => FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node,
            [new LogFileRoute("a.log", ["receipts"]), new LogFileRoute("b.log", ["receipts.audit"])], options));
        Assert.Throws<ArgumentException>(() => FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node,
            [new LogFileRoute(LogFiles.Node, ["receipts"])], options));
        Assert.Throws<ArgumentException>(() => FileLogging.CreateFileLogger(_dir.Path, "../node.log", options));
        Assert.Throws<ArgumentOutOfRangeException>(() => FileLogging.CreateFileLogger(_dir.Path, LogFiles.Node,
            new FileLoggingOptions(RetainedFiles: 0)));
    }

    private static SerilogLoggerFactory Factory(Serilog.Core.Logger logger) => new(logger, dispose: true);

    // "<ts> <LEVEL> <target> <event…>" -> "<event…>"
    private static string Event(string line) => line.Split(' ', 4)[3];

    private static int Height(string line) =>
        int.Parse(Regex.Match(line, @"height=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);

    private sealed class CountingProvider : ILoggerProvider
    {
        public int Loggers { get; private set; }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName)
        {
            Loggers++;
            return Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        }

        public void Dispose()
        {
        }
    }
}
