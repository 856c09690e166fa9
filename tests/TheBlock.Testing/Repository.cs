namespace TheBlock.Testing;

/// <summary>The checkout the tests run from, found by walking up from the test binaries to the solution file.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TheBlock.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("TheBlock.slnx not found above " + AppContext.BaseDirectory);
    }
}
