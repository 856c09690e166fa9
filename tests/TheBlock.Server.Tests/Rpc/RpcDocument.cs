namespace TheBlock.Server.Tests.Rpc;

/// <summary>Reads docs/RPC_ERRORS.md, whose "Methods and roles" table must match what the node serves.</summary>
internal static class RpcDocument
{
    public const string MethodsHeading = "## Methods and roles";

    /// <summary>The (method, role) of each row of the table under <see cref="MethodsHeading"/>.</summary>
    public static IReadOnlyList<(string Method, string Role)> MethodTable()
    {
        string[] lines = Read().Split('\n');
        int start = Array.FindIndex(lines, line => line.TrimEnd() == MethodsHeading);
        Assert.True(start >= 0, $"docs/RPC_ERRORS.md has no \"{MethodsHeading}\" section");
        return [.. lines
            .Skip(start + 1)
            .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (cells[1].Trim('`'), cells[2].Trim('`')))];
    }

    private static string Read()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string path = Path.Combine(directory.FullName, "docs", "RPC_ERRORS.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("docs/RPC_ERRORS.md not found above " + AppContext.BaseDirectory);
    }
}
