using System.Diagnostics;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Starts the built executables (`dotnet &lt;dll&gt; …`) with an optional private HOME.</summary>
public static class DotnetProcess
{
    /// <param name="environment">Variables set for this process only (e.g. <c>THEBLOCK__Node__NodeId</c>).</param>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> args, string? home = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ToolProcess.StartInfo("dotnet", [dll, .. args]);
        if (home is not null)
        {
            start.Environment["HOME"] = home;
        }

        start.Environment.Remove("THEBLOCK_RPC_URL");
        start.Environment.Remove("THEBLOCK_RPC_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    /// <summary>Starts a long-running process whose output is drained into <paramref name="onLine"/>.</summary>
    public static Process Start(string dll, IEnumerable<string> args, string? home = null, Action<string>? onLine = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ToolProcess.Start(StartInfo(dll, args, home, environment), onLine);

    /// <summary>Runs a process to completion (at most 90 s) and returns what it printed.</summary>
    public static Task<ProcessResult> RunAsync(string dll, IEnumerable<string> args, string? home = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ToolProcess.RunAsync(StartInfo(dll, args, home, environment), TimeSpan.FromSeconds(90));
}
