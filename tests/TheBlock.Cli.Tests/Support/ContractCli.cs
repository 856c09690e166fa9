using System.Text.Json;

namespace TheBlock.Cli.Tests.Support;

/// <summary>What one in-process run of contract-cli produced.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public JsonElement Error => JsonDocument.Parse(Stderr).RootElement.GetProperty("error");

    public string? ErrorReason => Error.GetProperty("reason").GetString();

    public int ErrorCode => Error.GetProperty("code").GetInt32();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs contract-cli through <see cref="CliApp.RunAsync"/> with captured stdout and stderr.</summary>
internal static class ContractCli
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts the contract of a failure: the exit code, nothing on stdout, one JSON error with this reason.</summary>
    public static void AssertFails(CliRun run, int exitCode, string reason)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Equal(reason, run.ErrorReason);
        Assert.EndsWith("\n", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }
}
