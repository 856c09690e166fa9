using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace TheBlock.Server.Logging;

/// <summary>
/// Builds the Serilog logger behind a role's Microsoft.Extensions.Logging: one-line events
/// (<see cref="LogLineFormatter"/>) in size-rotated files under the log directory. The live file always
/// has the stable name (<c>node.log</c>); older ones are <c>node.1.log</c> (newest) … <c>node.N.log</c>
/// (<see cref="RotatingFileSink"/>).
/// The returned logger is an instance (no static <c>Log.Logger</c>); whoever creates it disposes it,
/// which flushes the files.
/// </summary>
public static class FileLogging
{
    /// <summary>A logger writing every event to <c>logDirectory/fileName</c>.</summary>
    public static Logger CreateFileLogger(string logDirectory, string fileName, FileLoggingOptions options) =>
        CreateFileLogger(logDirectory, fileName, [], options);

    /// <summary>
    /// A logger writing each routed category only to its route's file and every other event to
    /// <c>logDirectory/defaultFileName</c>. The node: <c>CreateFileLogger(dir, LogFiles.Node, [LogFileRoute.Receipts], options)</c>.
    /// </summary>
    public static Logger CreateFileLogger(
        string logDirectory, string defaultFileName, IReadOnlyList<LogFileRoute> routes, FileLoggingOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logDirectory);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        Validate(defaultFileName, routes, options);

        Directory.CreateDirectory(logDirectory);
        var formatter = new LogLineFormatter();
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.Verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            // Framework chatter (request logs, hosting lifetime) would drown the events the runbook greps.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System", LogEventLevel.Warning);

        foreach (var route in routes)
        {
            configuration.WriteTo.Conditional(
                e => route.Matches(Category(e)),
                sink => WriteFile(sink, formatter, Path.Combine(logDirectory, route.FileName), options));
        }
        configuration.WriteTo.Conditional(
            e => !IsRouted(routes, Category(e)),
            sink => WriteFile(sink, formatter, Path.Combine(logDirectory, defaultFileName), options));

        if (options.Console)
        {
            configuration.WriteTo.Sink(new ConsoleSink(formatter, System.Console.Out));
        }
        return configuration.CreateLogger();
    }

    /// <summary>
    /// Replaces the builder's providers with the file logger (and, with <c>options.Console</c>, stdout in
    /// the same format). The logging infrastructure disposes the logger with the host.
    /// </summary>
    public static ILoggingBuilder AddTheBlockFileLogging(
        this ILoggingBuilder builder, string logDirectory, string fileName, FileLoggingOptions options) =>
        builder.AddTheBlockFileLogging(logDirectory, fileName, [], options);

    /// <inheritdoc cref="AddTheBlockFileLogging(ILoggingBuilder, string, string, FileLoggingOptions)"/>
    public static ILoggingBuilder AddTheBlockFileLogging(
        this ILoggingBuilder builder,
        string logDirectory,
        string defaultFileName,
        IReadOnlyList<LogFileRoute> routes,
        FileLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var logger = CreateFileLogger(logDirectory, defaultFileName, routes, options);
        builder.ClearProviders();
        // Microsoft.Extensions.Logging filters before Serilog sees an event: let Debug through when verbose.
        builder.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
        builder.AddSerilog(logger, dispose: true);
        return builder;
    }

    // Buffered lines reach the file (and the disk) at least this often; Error events at once.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private static LoggerConfiguration WriteFile(
        LoggerSinkConfiguration sink, LogLineFormatter formatter, string path, FileLoggingOptions options) =>
        sink.Sink(new RotatingFileSink(
            path, formatter, options.FileSizeLimitBytes, options.RetainedFiles, FlushInterval, System.Console.Error, TimeProvider.System));

    private static string? Category(LogEvent e) =>
        e.Properties.TryGetValue(Constants.SourceContextPropertyName, out var value) && value is ScalarValue { Value: string s }
            ? s
            : null;

    private static bool IsRouted(IReadOnlyList<LogFileRoute> routes, string? category)
    {
        foreach (var route in routes)
        {
            if (route.Matches(category)) return true;
        }
        return false;
    }

    private static void Validate(string defaultFileName, IReadOnlyList<LogFileRoute> routes, FileLoggingOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FileSizeLimitBytes, 1, nameof(options.FileSizeLimitBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetainedFiles, 1, nameof(options.RetainedFiles));

        var files = new HashSet<string>(StringComparer.Ordinal);
        var categories = new HashSet<string>(StringComparer.Ordinal);
        CheckFileName(defaultFileName, files);
        foreach (var route in routes)
        {
            CheckFileName(route.FileName, files);
            if (route.Categories.Count == 0)
            {
                throw new ArgumentException($"log route to \"{route.FileName}\" lists no categories", nameof(routes));
            }
            foreach (var category in route.Categories)
            {
                // An event must land in exactly one file, so a category belongs to one route.
                if (string.IsNullOrWhiteSpace(category) || !categories.Add(category))
                {
                    throw new ArgumentException(
                        $"log category \"{category}\" is empty or routed twice; each category goes to one file", nameof(routes));
                }
                // A parent category in another route (receipts vs receipts.audit) would also claim it.
                foreach (var other in routes)
                {
                    if (!ReferenceEquals(other, route) && other.Matches(category))
                    {
                        throw new ArgumentException(
                            $"log category \"{category}\" is also matched by the route to \"{other.FileName}\"", nameof(routes));
                    }
                }
            }
        }
    }

    private static void CheckFileName(string fileName, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(fileName) || Path.GetFileName(fileName) != fileName)
        {
            throw new ArgumentException($"log file name \"{fileName}\" must be a plain file name, not a path", nameof(fileName));
        }
        if (!seen.Add(fileName))
        {
            throw new ArgumentException($"log file \"{fileName}\" is the target of two outputs; each file has one writer", nameof(fileName));
        }
    }
}
