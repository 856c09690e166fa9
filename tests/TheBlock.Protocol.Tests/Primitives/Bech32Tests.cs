using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Tests.Primitives;

/// <summary>The bech32 test vectors of BIP-173 ("Test vectors", valid and invalid bech32 strings).</summary>
public class Bech32Tests
{
    public static TheoryData<string> ValidStrings() =>
    [
        "A12UEL5L",
        "a12uel5l",
        "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
        "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
        "11" + new string('q', 82) + "c8247j",
        "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
        "?1ezyfcl",
    ];

    /// <summary>Each invalid BIP-173 string with the part of the reason the decoder must give.</summary>
    public static TheoryData<string, string> InvalidStrings() => new()
    {
        { "\u0020" + "1nwldj5", "outside printable ASCII" },
        { "\u007f" + "1axkwrx", "outside printable ASCII" },
        { "\u0080" + "1eym55h", "outside printable ASCII" },
        { "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx", "longer than the 90" },
        { "pzry9x0s0muk", "no separator" },
        { "1pzry9x0s0muk", "empty human-readable part" },
        { "x1b4n0q5v", "'b', which is not a bech32 character" },
        { "li1dgmt3", "too short to hold a checksum" },
        { "de1lg7wt" + "\u00ff", "outside printable ASCII" },
        { "A1G7SGD8", "bad checksum" },
        { "10a06t8", "empty human-readable part" },
        { "1qzzfhee", "empty human-readable part" },
    };

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void Every_valid_BIP173_string_decodes_with_a_good_checksum(string text)
    {
        Assert.True(Bech32.TryDecodeWords(text, out var hrp, out var words, out var error), error);
        Assert.Equal(string.Empty, error);
        Assert.Equal(text[..text.LastIndexOf('1')].ToLowerInvariant(), hrp);

        // Re-encoding gives back the string (in lower case): decoding lost nothing.
        Assert.Equal(text.ToLowerInvariant(), Bech32.EncodeWords(hrp, words));
    }

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public void Every_invalid_BIP173_string_fails_with_its_reason(string text, string reason)
    {
        Assert.False(Bech32.TryDecodeWords(text, out _, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A12uEL5L")]
    [InlineData("a12UEL5L")]
    public void A_string_mixing_upper_and_lower_case_is_refused(string text)
    {
        Assert.False(Bech32.TryDecodeWords(text, out _, out _, out var error));
        Assert.Equal("mixes upper and lower case", error);
    }

    [Fact]
    public void Bytes_encode_and_decode_back_through_five_bit_words()
    {
        var data = Enumerable.Range(0, 33).Select(i => (byte)(i * 7)).ToArray();
        var text = Bech32.Encode("test", data);

        Assert.True(Bech32.TryDecodeWords(text, out var hrp, out var words, out _));
        Assert.Equal("test", hrp);
        Assert.Equal(data, Bech32.ConvertBits(words, 5, 8, pad: false));
    }

    [Fact]
    public void Converting_words_with_nonzero_padding_bits_fails()
    {
        // One 5-bit word holds no whole byte; its bits must all be padding and therefore zero.
        Assert.Null(Bech32.ConvertBits([0b00001], 5, 8, pad: false));
        Assert.Null(Bech32.ConvertBits([32], 5, 8, pad: false));
    }
}
