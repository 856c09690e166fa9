using TheBlock.Client;
using TheBlock.Protocol.Crypto;

namespace TheBlock.Cli.Tests.Support;

/// <summary>Deterministic keys and addresses for tests.</summary>
internal static class TestKeys
{
    public static SigningKey Key(byte fill) => SigningKey.FromSeed(Enumerable.Repeat(fill, KeyFile.SeedSize).ToArray());

    public static string Address(byte fill)
    {
        using var key = Key(fill);
        return key.Address.ToString();
    }

    /// <summary>A well-formed address with its last checksum character changed.</summary>
    public static string WithBadChecksum(string address) =>
        address[..^1] + (address[^1] == 'q' ? 'p' : 'q');

    public static string WriteKeyFile(TempDirectory directory, byte fill)
    {
        var path = directory.File($"key-{fill}.key");
        KeyFile.Write(path, Enumerable.Repeat(fill, KeyFile.SeedSize).ToArray());
        return path;
    }
}
