using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TheBlock.Testing;

public sealed record CapturedLog(LogLevel Level, string EventName, string Message, Exception? Exception);

/// <summary>Keeps every log line so tests can assert on event names and on what must never be logged.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new CapturedLog(logLevel, eventId.Name ?? string.Empty, formatter(state, exception), exception));
}
