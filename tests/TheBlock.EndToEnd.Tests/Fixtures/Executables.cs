namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>Finds the built `the-block` and `contract-cli` next to this test assembly's build configuration.</summary>
public static class Executables
{
    public static string RepositoryRoot => Repository.Root;

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string Server => Locate("TheBlock.Server", "the-block");

    public static string Cli => Locate("TheBlock.Cli", "contract-cli");

    private static string Locate(string project, string assemblyName)
    {
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", Configuration, "net10.0", assemblyName + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
    }
}
