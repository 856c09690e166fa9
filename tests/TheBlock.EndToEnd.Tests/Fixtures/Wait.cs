using System.Diagnostics;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Waits on a condition with a deadline, never a guessed sleep.</summary>
public static class Wait
{
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

        throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for {what}; last error: {last?.Message}\n{diagnostics?.Invoke()}");
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, timeout, what, diagnostics);
}
