using TheBlock.Client;

namespace TheBlock.Client.Tests;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("theblock-keyfile-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_generated_key_reads_back_and_is_readable_only_by_its_owner()
    {
        var path = Path.Combine(_directory, "keys", "a.key");
        var seed = KeyFile.Generate(path);

        Assert.Equal(seed, KeyFile.Read(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(Convert.ToBase64String(seed) + "\n", File.ReadAllText(path));
    }

    [Fact]
    public void Generating_over_an_existing_key_is_refused_unless_told_to_overwrite()
    {
        var path = Path.Combine(_directory, "a.key");
        var first = KeyFile.Generate(path);

        Assert.Throws<IOException>(() => KeyFile.Generate(path));
        Assert.Equal(first, KeyFile.Read(path));
        Assert.NotEqual(first, KeyFile.Generate(path, overwrite: true));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void A_file_that_is_not_a_32_byte_base64_key_is_refused_with_the_path(string contents)
    {
        var path = Path.Combine(_directory, "bad.key");
        File.WriteAllText(path, contents);

        var error = Assert.Throws<FormatException>(() => KeyFile.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_file_names_the_path()
    {
        var path = Path.Combine(_directory, "missing.key");
        var error = Assert.Throws<FileNotFoundException>(() => KeyFile.Read(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
