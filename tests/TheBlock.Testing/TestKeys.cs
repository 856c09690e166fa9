using TheBlock.Client;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Testing;

/// <summary>Deterministic keys and addresses: every run of every test signs with the same keys.</summary>
public static class TestKeys
{
    /// <summary>The key of funded account <paramref name="index"/>: its seed is SHA-256("TheBlock/test/key/{index}").</summary>
    public static SigningKey Key(int index) => KeyFor($"key/{index}");

    /// <summary>A key named by <paramref name="label"/>: its seed is SHA-256("TheBlock/test/{label}").</summary>
    public static SigningKey KeyFor(string label) => SigningKey.FromSeed(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes("TheBlock/test/" + label)).ToArray());

    /// <summary>An address nobody holds the key of.</summary>
    public static Address Stranger(int index) =>
        new(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"TheBlock/test/stranger/{index}")).ToArray().AsSpan(0, Address.Size));

    /// <summary>A key whose seed is <paramref name="fill"/> repeated, as a key file written by hand would hold.</summary>
    public static SigningKey Filled(byte fill) => SigningKey.FromSeed(FilledSeed(fill));

    /// <summary>The address of <see cref="Filled"/>(<paramref name="fill"/>), as text.</summary>
    public static string FilledAddress(byte fill)
    {
        using var key = Filled(fill);
        return key.Address.ToString();
    }

    /// <summary>A well-formed address with its last checksum character changed.</summary>
    public static string WithBadChecksum(string address) => address[..^1] + (address[^1] == 'q' ? 'p' : 'q');

    /// <summary>Writes <see cref="Filled"/>(<paramref name="fill"/>)'s seed as a key file in <paramref name="directory"/>; returns its path.</summary>
    public static string WriteKeyFile(TempDirectory directory, byte fill)
    {
        var path = directory.File($"key-{fill}.key");
        KeyFile.Write(path, FilledSeed(fill));
        return path;
    }

    private static byte[] FilledSeed(byte fill) => Enumerable.Repeat(fill, KeyFile.SeedSize).ToArray();
}
