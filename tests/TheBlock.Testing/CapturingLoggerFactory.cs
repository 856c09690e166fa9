using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TheBlock.Testing;

/// <summary>
/// Keeps every log line of every category, and lets a test act at the moment a line is written: the executor logs
/// between its steps, so a test can change the chain exactly there.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>Called on the logging thread after each line is kept.</summary>
    public Action<CapturedLog>? OnLog { get; set; }

    public IReadOnlyList<string> Messages(string startingWith) =>
        [.. Entries.Where(e => e.Message.StartsWith(startingWith, StringComparison.Ordinal)).Select(e => e.Message)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, Keep);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("the test factory keeps the lines itself");

    public void Dispose()
    {
    }

    private void Keep(CapturedLog entry)
    {
        _entries.Enqueue(entry);
        OnLog?.Invoke(entry);
    }
}
