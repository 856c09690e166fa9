using System.Security.Cryptography;

namespace TheBlock.Client;

/// <summary>
/// An Ed25519 private key on disk: one line, the 32-byte seed in standard base64 (the form the runbook's Python
/// snippet decodes), file mode 0600.
/// </summary>
public static class KeyFile
{
    public const int SeedSize = 32;

    public static byte[] Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"key file {path} does not exist", path);
        }

        var text = File.ReadAllText(path).Trim();
        byte[] seed;
        try
        {
            seed = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"key file {path} does not hold a base64 key");
        }

        return seed.Length == SeedSize ? seed : throw new FormatException($"key file {path} holds {seed.Length} bytes; an Ed25519 key is {SeedSize}");
    }

    /// <summary>Creates a new random key at <paramref name="path"/>; refuses to replace an existing file unless told to.</summary>
    public static byte[] Generate(string path, bool overwrite = false)
    {
        var seed = RandomNumberGenerator.GetBytes(SeedSize);
        Write(path, seed, overwrite);
        return seed;
    }

    public static void Write(string path, byte[] seed, bool overwrite = false)
    {
        if (!overwrite && File.Exists(path))
        {
            throw new IOException($"key file {path} already exists");
        }

        SecretFile.Write(path, Convert.ToBase64String(seed) + "\n");
    }
}
