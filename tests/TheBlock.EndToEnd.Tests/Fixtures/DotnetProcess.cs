using System.Diagnostics;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Starts the built executables (`dotnet &lt;dll&gt; …`) with an optional private HOME.</summary>
public static class DotnetProcess
{
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args, string? home = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (home is not null)
        {
            start.Environment["HOME"] = home;
        }

        start.Environment.Remove("THEBLOCK_RPC_URL");
        start.Environment.Remove("THEBLOCK_RPC_TOKEN");
        return start;
    }

    /// <summary>Starts a long-running process whose output is drained into <paramref name="onLine"/>.</summary>
    public static Process Start(string dll, IEnumerable<string> args, string? home = null, Action<string>? onLine = null)
    {
        var process = Process.Start(StartInfo(dll, args, home)) ?? throw new InvalidOperationException($"could not start {dll}");
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

    /// <summary>Runs a process to completion (at most 90 s) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(string dll, IEnumerable<string> args, string? home = null)
    {
        using var process = Process.Start(StartInfo(dll, args, home)) ?? throw new InvalidOperationException($"could not start {dll}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
