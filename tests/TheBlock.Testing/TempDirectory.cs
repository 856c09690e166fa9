namespace TheBlock.Testing;

/// <summary>A fresh directory under the temp path, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="create">false leaves the directory for the code under test to create.</param>
    public TempDirectory(string prefix = "theblock-test-", bool create = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        if (create)
        {
            Directory.CreateDirectory(Path);
        }
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the files directly in the directory, in ordinal order.</summary>
    public string[] FileNames() =>
        [.. Directory.GetFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public void Dispose() => Delete(Path);

    /// <summary>Deletes <paramref name="directory"/> if it is there; a leftover temp directory is not worth failing a test over.</summary>
    public static void Delete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Another process (a node still stopping) may hold a file; the temp path is cleaned eventually.
        }
    }
}
