using System.Diagnostics;

namespace TheBlock.Testing;

/// <summary>Waits on a condition with a deadline, never a guessed sleep; a timeout names what it waited for.</summary>
public static class Wait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> if it does not within <paramref name="timeout"/>.</summary>
    public static void Until(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                throw Timeout(timeout, what, null, diagnostics);
            }

            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, which it returns; probe errors are retried and the last one reported on timeout.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            await Task.Delay(50);
        }

        throw Timeout(timeout, what, last, diagnostics);
    }

    /// <summary>Polls <paramref name="condition"/> without blocking the test's thread until it holds, as <see cref="Until"/> does.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, diagnostics);

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, timeout, what, diagnostics);

    private static TimeoutException Timeout(TimeSpan timeout, string what, Exception? last, Func<string>? diagnostics) =>
        new($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last error: {last?.Message ?? "none"}\n{diagnostics?.Invoke()}");
}
