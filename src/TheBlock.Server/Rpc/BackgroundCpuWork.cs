using System.Runtime.InteropServices;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Runs seconds of CPU-bound work for a call (a settlement audit) on a thread of its own at the lowest CPU priority,
/// so the node's cheap calls and block production are scheduled ahead of it. Not a thread-pool thread: one blocked
/// for seconds starves the pool that serves every other call, and its priority would outlive the work.
/// </summary>
public static class BackgroundCpuWork
{
    /// <summary>The nicest Linux nice value: the thread runs when nothing else at normal priority wants the CPU.</summary>
    private const int LowestPriority = 19;

    private const int PriorityOfProcess = 0;

    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Factory.StartNew(
            () =>
            {
                LowerThisThreadsPriority();
                return work();
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    private static void LowerThisThreadsPriority()
    {
        // .NET's Thread.Priority does nothing on Linux; the kernel schedules threads by their own nice value, which an
        // unprivileged process may always raise. Elsewhere the work runs at normal priority, still off the pool.
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(PriorityOfProcess, GetThreadId(), LowestPriority);
        }
    }

    // DllImport, not LibraryImport: these take and return only ints, and LibraryImport would need unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
