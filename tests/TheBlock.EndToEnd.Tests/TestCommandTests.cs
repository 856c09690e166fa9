using TheBlock.EndToEnd.Tests.Fixtures;

namespace TheBlock.EndToEnd.Tests;

/// <summary>
/// The README's test command, scripts/test, on a machine that lacks the tools the tests drive: run under a PATH
/// that holds only the shell's basics and a recording apt-get (and id/sudo), so what it would install is observed.
/// </summary>
public sealed class TestCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("theblock-test-command-").FullName;
    private readonly string _bin;
    private readonly string _aptLog;

    public TestCommandTests()
    {
        _bin = Path.Combine(_root, "bin");
        Directory.CreateDirectory(_bin);
        _aptLog = Path.Combine(_root, "apt.log");
        foreach (var tool in new[] { "dirname", "sort", "tr", "env" })
        {
            File.CreateSymbolicLink(Path.Combine(_bin, tool), Path.Combine("/usr/bin", tool));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_readme_test_command_failed_on_a_machine_without_prometheus_alertmanager_jq_and_sqlite3()
    {
        WriteTool("id", "echo 0");
        WriteTool("apt-get", $"echo \"apt-get $*\" >> '{_aptLog}'");

        var result = await RunInstallOnlyAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = File.ReadAllLines(_aptLog);
        Assert.Equal("apt-get update -qq", calls[0]);
        Assert.Equal("apt-get install -y -qq --no-install-recommends jq prometheus prometheus-alertmanager sqlite3", calls[1].TrimEnd());
    }

    [Fact]
    public async Task Test_command_installs_through_sudo_when_not_root()
    {
        WriteTool("id", "echo 1000");
        WriteTool("sudo", $"echo \"sudo $1\" >> '{_aptLog}'; exec \"$@\"");
        WriteTool("apt-get", $"echo \"apt-get $1\" >> '{_aptLog}'");

        var result = await RunInstallOnlyAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["sudo apt-get", "apt-get update", "sudo env", "apt-get install"], File.ReadAllLines(_aptLog));
    }

    [Fact]
    public async Task Test_command_stops_with_the_package_names_when_it_cannot_install()
    {
        WriteTool("id", "echo 1000");

        var withoutSudo = await RunInstallOnlyAsync();
        Assert.Equal(1, withoutSudo.ExitCode);
        Assert.Contains("jq prometheus prometheus-alertmanager sqlite3", withoutSudo.Stderr, StringComparison.Ordinal);

        WriteTool("id", "echo 0");
        WriteTool("apt-get", "echo 'E: Unable to locate package' >&2; exit 100");
        var refused = await RunInstallOnlyAsync();
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("could not install jq prometheus prometheus-alertmanager sqlite3", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readme_and_ci_run_the_same_test_command()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Executables.RepositoryRoot, "README.md"));
        var twoCommands = readme[readme.IndexOf("## The two commands", StringComparison.Ordinal)..];
        twoCommands = twoCommands[..twoCommands.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        Assert.Contains("\nscripts/test\n", twoCommands, StringComparison.Ordinal);

        var ci = await File.ReadAllTextAsync(Path.Combine(Executables.RepositoryRoot, ".ci", "run"));
        Assert.Contains("exec \"$repo/scripts/test\"", ci, StringComparison.Ordinal);
    }

    private void WriteTool(string name, string body) => ShellScript.Write(Path.Combine(_bin, name), body);

    private async Task<ProcessResult> RunInstallOnlyAsync()
    {
        var start = ToolProcess.StartInfo("/bin/bash", [Path.Combine(Executables.RepositoryRoot, "scripts", "test"), "--install-only"]);
        start.Environment["PATH"] = _bin;
        return await ToolProcess.RunAsync(start, TimeSpan.FromSeconds(30));
    }
}
