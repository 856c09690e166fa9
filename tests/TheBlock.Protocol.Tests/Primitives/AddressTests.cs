using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Tests.Primitives;

public class AddressTests
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    [Fact]
    public void An_address_is_the_first_20_bytes_of_the_SHA256_of_the_public_key()
    {
        using var key = TestKeys.Key(0);
        var digest = Hash32.Sha256(key.PublicKey).ToArray();

        Assert.Equal(digest[..Address.Size], key.Address.ToArray());
        Assert.Equal(Address.FromPublicKey(key.PublicKey), key.Address);
    }

    [Fact]
    public void An_address_prints_as_ct1_and_parses_back_to_itself()
    {
        using var key = TestKeys.Key(1);
        var text = key.Address.ToString();

        Assert.StartsWith("ct1", text, StringComparison.Ordinal);
        Assert.Equal(41, text.Length); // "ct" + '1' + 32 data characters + 6 checksum characters
        Assert.True(Address.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(key.Address, parsed);
    }

    [Fact]
    public void An_address_in_upper_case_parses_to_the_same_address()
    {
        var address = TestKeys.Stranger(3);

        Assert.True(Address.TryParse(address.ToString().ToUpperInvariant(), out var parsed, out var error), error);
        Assert.Equal(address, parsed);
    }

    [Fact]
    public void Every_one_character_typo_is_caught_by_the_checksum()
    {
        var text = TestKeys.Stranger(0).ToString();
        for (var position = 3; position < text.Length; position++)
        {
            foreach (var replacement in Charset)
            {
                if (replacement == text[position])
                {
                    continue;
                }

                var typo = string.Concat(text.AsSpan(0, position), replacement.ToString(), text.AsSpan(position + 1));
                Assert.False(Address.TryParse(typo, out _, out var error), $"typo {typo} was accepted");
                Assert.Equal($"address \"{typo}\" has a bad checksum", error);
            }
        }
    }

    [Fact]
    public void An_address_with_another_prefix_is_refused_naming_the_prefix()
    {
        var bitcoinLike = Bech32.Encode("bc", TestKeys.Stranger(0).ToArray());

        Assert.False(Address.TryParse(bitcoinLike, out _, out var error));
        Assert.Contains("has prefix \"bc\"; expected \"ct\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ct_string_holding_the_wrong_number_of_bytes_is_refused()
    {
        var tooShort = Bech32.Encode("ct", new byte[19]);

        Assert.False(Address.TryParse(tooShort, out _, out var error));
        Assert.Contains("does not hold 20 bytes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "address is empty")]
    [InlineData("", "address is empty")]
    [InlineData("treasury", "no separator")]
    public void Text_that_is_not_bech32_is_refused_with_a_reason(string? text, string reason)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_compare_by_their_bytes()
    {
        var low = new Address(Enumerable.Repeat((byte)0x01, Address.Size).ToArray());
        var highLastByte = new Address([.. Enumerable.Repeat((byte)0x01, Address.Size - 1), 0x02]);
        var highFirstByte = new Address([0x02, .. Enumerable.Repeat((byte)0x00, Address.Size - 1)]);

        Assert.True(low < highLastByte);
        Assert.True(highLastByte < highFirstByte);
        Assert.Equal(0, low.CompareTo(new Address(low.ToArray())));
    }
}
