using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TheBlock.Testing;

public sealed record CategorizedLog(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>
/// Keeps every log line of every category, and lets a test act at the moment a line is written: the executor logs
/// between its steps, so a test can change the chain exactly there.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<CategorizedLog> _entries = new();

    public IReadOnlyList<CategorizedLog> Entries => [.. _entries];

    /// <summary>Called on the logging thread after each line is kept.</summary>
    public Action<CategorizedLog>? OnLog { get; set; }

    public IReadOnlyList<string> Messages(string startingWith) =>
        [.. Entries.Where(e => e.Message.StartsWith(startingWith, StringComparison.Ordinal)).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("the test factory keeps the lines itself");

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new CategorizedLog(category, logLevel, formatter(state, exception), exception);
            factory._entries.Enqueue(entry);
            factory.OnLog?.Invoke(entry);
        }
    }
}
