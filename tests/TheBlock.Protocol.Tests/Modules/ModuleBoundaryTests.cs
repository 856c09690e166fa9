namespace TheBlock.Protocol.Tests.Modules;

/// <summary>
/// Each module's vocabulary stays in its own folders: no source file outside them (in src/, tests/ or bench/) names the
/// module's types, except the few composition roots that list every module. A new module adds its row here.
/// </summary>
public class ModuleBoundaryTests
{
    /// <summary>Files that may name any module because their job is to list them all (at most three).</summary>
    private static readonly string[] CompositionRoots =
    [
        "bench/TheBlock.Benchmarks/Program.cs",
    ];

    /// <summary>This check names every module's words to look for them.</summary>
    private const string ThisCheck = "tests/TheBlock.Protocol.Tests/Modules/ModuleBoundaryTests.cs";

    public static TheoryData<string, string[], string[]> Modules => new()
    {
        { "treasury", ["Treasury", "Governance"], ["Disbursement"] },
        { "energy", ["Energy"], ["SignedReading", "EnergyReasons"] },
        { "receipts", ["Receipts"], ["ServiceMarket", "MarketReceipt", "ReceiptReasons"] },
    };

    [Theory]
    [MemberData(nameof(Modules))]
    public void No_file_outside_a_modules_folders_names_its_types(string module, string[] folders, string[] words)
    {
        var offenders = SourceFiles()
            .Where(file => file.Path != ThisCheck && !CompositionRoots.Contains(file.Path))
            .Where(file => !file.Path.Split('/').SkipLast(1).Any(folders.Contains))
            .Where(file => words.Any(word => file.Text.Contains(word, StringComparison.Ordinal)))
            .Select(file => file.Path)
            .ToList();

        Assert.True(offenders.Count == 0, $"files outside {string.Join(" or ", folders.Select(f => f + "/"))} name the {module} module's {string.Join(", ", words)}:\n{string.Join("\n", offenders)}");
    }

    [Fact]
    public void There_are_at_most_three_composition_roots_and_each_exists()
    {
        Assert.InRange(CompositionRoots.Length, 0, 3);
        Assert.All(CompositionRoots, root => Assert.True(File.Exists(Repository.PathOf(root.Split('/'))), root));
    }

    [Fact]
    public void The_check_sees_the_source_tree()
    {
        var files = SourceFiles().Select(file => file.Path).ToList();

        Assert.Contains("src/TheBlock.Protocol/Ledger/StateOverlay.cs", files);
        Assert.Contains(ThisCheck, files);
        Assert.Contains("src/TheBlock.Protocol/Treasury/Disbursement.cs", files);
        Assert.DoesNotContain(files, path => path.Contains("/obj/", StringComparison.Ordinal) || path.Contains("/bin/", StringComparison.Ordinal));
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles() =>
        new[] { "src", "tests", "bench" }
            .SelectMany(top => Directory.EnumerateFiles(Repository.PathOf(top), "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Where(path => !path.Split('/').Any(part => part is "bin" or "obj"))
            .Select(path => (path, File.ReadAllText(Repository.PathOf(path.Split('/')))));
}
