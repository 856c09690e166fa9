namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// Runs runbook snippets with <c>bash -c</c> the way an operator's shell runs them: <c>contract-cli</c> on PATH (a
/// wrapper around the built executable), <c>jq</c> from the system, HOME and THEBLOCK_RPC_URL of the devnet so the
/// commands need no flags (THEBLOCK_ORACLE_URL and THEBLOCK_EMITTER_URL likewise for the devnet's oracle and receipt-emitter).
/// </summary>
public static class RunbookShell
{
    private static readonly Lazy<string?> Jq = new(() => FindOnPath("jq"));

    /// <summary>Runs <paramref name="script"/> to completion (at most 120 s) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(DevnetProcess devnet, string script)
    {
        Assert.True(Jq.Value is not null, "jq is not installed, and the runbook's pipelines need it: install it (apt-get install jq; .ci/run does) and run again");
        var bin = Path.Combine(devnet.Root, "bin");
        var wrapper = Path.Combine(bin, "contract-cli");
        if (!File.Exists(wrapper))
        {
            Directory.CreateDirectory(bin);
            ShellScript.Write(wrapper, $"exec dotnet '{Executables.Cli}' \"$@\"");
        }

        var start = ToolProcess.StartInfo("bash", ["-c", script]);
        start.Environment["HOME"] = devnet.Home;
        start.Environment["THEBLOCK_RPC_URL"] = devnet.RpcUrl;
        start.Environment["THEBLOCK_ORACLE_URL"] = devnet.OracleUrl;
        start.Environment["THEBLOCK_EMITTER_URL"] = devnet.EmitterUrl;
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["LC_ALL"] = "C.UTF-8";
        start.Environment.Remove("THEBLOCK_RPC_TOKEN");

        return await ToolProcess.RunAsync(start, TimeSpan.FromSeconds(120));
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);
}
