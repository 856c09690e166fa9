namespace TheBlock.Protocol.Primitives;

/// <summary>
/// BIP-173 bech32: a human-readable part, the separator '1', 5-bit data and a 6-character checksum
/// that catches any typo of up to four characters.
/// </summary>
public static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const int ChecksumLength = 6;
    private const int MaxLength = 90;
    private static ReadOnlySpan<uint> Generator => [0x3b6a57b2u, 0x26508e6du, 0x1ea119fau, 0x3d4233ddu, 0x2a1462b3u];

    public static string Encode(string humanReadablePart, ReadOnlySpan<byte> data)
    {
        var fiveBit = ConvertBits(data, 8, 5, pad: true)
            ?? throw new ArgumentException("data cannot be regrouped into 5-bit words", nameof(data));
        return EncodeWords(humanReadablePart, fiveBit);
    }

    public static string EncodeWords(string humanReadablePart, IReadOnlyList<byte> words)
    {
        var checksum = CreateChecksum(humanReadablePart, words);
        var builder = new System.Text.StringBuilder(humanReadablePart.Length + 1 + words.Count + ChecksumLength);
        builder.Append(humanReadablePart).Append('1');
        foreach (var word in words)
        {
            builder.Append(Charset[word]);
        }

        foreach (var word in checksum)
        {
            builder.Append(Charset[word]);
        }

        return builder.ToString();
    }

    /// <summary>Decodes a bech32 string into its human-readable part and 5-bit words, or says why it is not one.</summary>
    public static bool TryDecodeWords(string text, out string humanReadablePart, out byte[] words, out string error)
    {
        humanReadablePart = string.Empty;
        words = [];
        if (text.Length > MaxLength)
        {
            error = $"is {text.Length} characters, longer than the {MaxLength} bech32 allows";
            return false;
        }

        bool hasLower = false, hasUpper = false;
        foreach (var ch in text)
        {
            if (ch < 33 || ch > 126)
            {
                error = "contains a character outside printable ASCII";
                return false;
            }

            hasLower |= ch is >= 'a' and <= 'z';
            hasUpper |= ch is >= 'A' and <= 'Z';
        }

        if (hasLower && hasUpper)
        {
            error = "mixes upper and lower case";
            return false;
        }

        var lowered = text.ToLowerInvariant();
        var separator = lowered.LastIndexOf('1');
        if (separator < 0)
        {
            error = "has no separator '1'";
            return false;
        }

        if (separator == 0)
        {
            error = "has an empty human-readable part before the separator '1'";
            return false;
        }

        if (separator + ChecksumLength + 1 > lowered.Length)
        {
            error = "is too short to hold a checksum";
            return false;
        }

        var hrp = lowered[..separator];
        var data = new byte[lowered.Length - separator - 1];
        for (var i = 0; i < data.Length; i++)
        {
            var value = Charset.IndexOf(lowered[separator + 1 + i], StringComparison.Ordinal);
            if (value < 0)
            {
                error = $"contains '{lowered[separator + 1 + i]}', which is not a bech32 character";
                return false;
            }

            data[i] = (byte)value;
        }

        if (Polymod(ExpandHumanReadablePart(hrp).Concat(data)) != 1)
        {
            error = "has a bad checksum";
            return false;
        }

        humanReadablePart = hrp;
        words = data[..^ChecksumLength];
        error = string.Empty;
        return true;
    }

    /// <summary>Regroups bits (8→5 to encode, 5→8 to decode); null when the input does not regroup cleanly.</summary>
    public static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var accumulator = 0;
        var bits = 0;
        var maxValue = (1 << toBits) - 1;
        var result = new List<byte>(data.Length * fromBits / toBits + 1);
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            accumulator = (accumulator << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((accumulator >> bits) & maxValue));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((accumulator << (toBits - bits)) & maxValue));
            }
        }
        else if (bits >= fromBits || ((accumulator << (toBits - bits)) & maxValue) != 0)
        {
            return null;
        }

        return [.. result];
    }

    private static byte[] CreateChecksum(string hrp, IReadOnlyList<byte> words)
    {
        var values = ExpandHumanReadablePart(hrp).Concat(words).Concat(new byte[ChecksumLength]);
        var polymod = Polymod(values) ^ 1;
        var checksum = new byte[ChecksumLength];
        for (var i = 0; i < ChecksumLength; i++)
        {
            checksum[i] = (byte)((polymod >> (5 * (5 - i))) & 31);
        }

        return checksum;
    }

    private static IEnumerable<byte> ExpandHumanReadablePart(string hrp)
    {
        foreach (var ch in hrp)
        {
            yield return (byte)(ch >> 5);
        }

        yield return 0;
        foreach (var ch in hrp)
        {
            yield return (byte)(ch & 31);
        }
    }

    private static uint Polymod(IEnumerable<byte> values)
    {
        uint checksum = 1;
        foreach (var value in values)
        {
            var top = checksum >> 25;
            checksum = ((checksum & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    checksum ^= Generator[i];
                }
            }
        }

        return checksum;
    }
}
