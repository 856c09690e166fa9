using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TheBlock.Testing;

public sealed record CapturedLog(string Category, LogLevel Level, string EventName, string Message, Exception? Exception);

/// <summary>Keeps every log line so tests can assert on event names and on what must never be logged.</summary>
/// <param name="onLog">also told about each line, on the logging thread, after it is kept.</param>
public sealed class CapturingLogger(string category = "", Action<CapturedLog>? onLog = null) : ILogger
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var entry = new CapturedLog(category, logLevel, eventId.Name ?? string.Empty, formatter(state, exception), exception);
        _entries.Enqueue(entry);
        onLog?.Invoke(entry);
    }
}
