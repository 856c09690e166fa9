using System.ComponentModel;
using System.Diagnostics;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// Starts the processes the tests drive (the built executables, bash, promtool, prometheus) with their output
/// captured. A tool that is not installed fails the test with how to install it, rather than with a bare exception.
/// </summary>
public static class ToolProcess
{
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>Runs to completion (at most <paramref name="timeout"/>) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, string? installHint = null)
    {
        using var process = Launch(start, installHint);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running process whose output lines are drained into <paramref name="onLine"/>.</summary>
    public static Process Start(ProcessStartInfo start, Action<string>? onLine = null, string? installHint = null)
    {
        var process = Launch(start, installHint);
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                onLine?.Invoke(line);
            }
        }
    }

    private static Process Launch(ProcessStartInfo start, string? installHint)
    {
        try
        {
            return Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        }
        catch (Win32Exception) when (installHint is not null)
        {
            Assert.Fail($"{start.FileName} is not installed: {installHint}");
            throw;
        }
    }
}
