using System.Buffers.Binary;
using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// The nonces a market provider has used, as an anti-replay window (like IPsec's): the highest nonce and which of the
/// <see cref="ReceiptsLimits.NonceWindow"/> nonces below it were used. A nonce in the window that was used, or any nonce
/// older than the window, is a duplicate; so the chain's duplicate check is exact for the window and never pays a
/// receipt twice, in state of fixed size per provider. Immutable: <see cref="With"/> returns the new window.
/// </summary>
public sealed class NonceWindow
{
    private const int Words = ReceiptsLimits.NonceWindow / 64;
    private readonly ulong[] _seen;

    private NonceWindow(ulong? highest, ulong[] seen)
    {
        Highest = highest;
        _seen = seen;
    }

    public static NonceWindow Empty { get; } = new(null, new ulong[Words]);

    /// <summary>The highest nonce used, or null before the first.</summary>
    public ulong? Highest { get; }

    /// <summary>Whether <paramref name="nonce"/> was used, or is too old for the window to tell (then it counts as used).</summary>
    public bool Contains(ulong nonce)
    {
        if (Highest is not { } highest || nonce > highest)
        {
            return false;
        }

        var age = highest - nonce;
        return age >= ReceiptsLimits.NonceWindow || (_seen[(int)(age / 64)] & (1UL << (int)(age % 64))) != 0;
    }

    /// <summary>Why <paramref name="nonce"/> is a duplicate, for the refusal's sentence.</summary>
    public string DuplicateMessage(string provider, ulong nonce) =>
        Highest is { } highest && highest - nonce >= ReceiptsLimits.NonceWindow
            ? $"nonce {nonce} of {provider} is more than {ReceiptsLimits.NonceWindow} below its highest used nonce {highest}; it counts as seen"
            : $"nonce {nonce} of {provider} was already used";

    public NonceWindow With(ulong nonce)
    {
        var seen = (ulong[])_seen.Clone();
        if (Highest is not { } highest)
        {
            seen[0] = 1;
            return new NonceWindow(nonce, seen);
        }

        if (nonce > highest)
        {
            ShiftOlder(seen, nonce - highest);
            seen[0] |= 1;
            return new NonceWindow(nonce, seen);
        }

        var age = highest - nonce;
        seen[(int)(age / 64)] |= 1UL << (int)(age % 64);
        return new NonceWindow(highest, seen);
    }

    /// <summary>Ages every remembered nonce by <paramref name="by"/>: bit i (nonce highest − i) moves to bit i + by.</summary>
    private static void ShiftOlder(ulong[] seen, ulong by)
    {
        if (by >= ReceiptsLimits.NonceWindow)
        {
            Array.Clear(seen);
            return;
        }

        var words = (int)(by / 64);
        var bits = (int)(by % 64);
        for (var i = Words - 1; i >= 0; i--)
        {
            var from = i - words;
            var value = from >= 0 ? seen[from] << bits : 0;
            if (bits != 0 && from - 1 >= 0)
            {
                value |= seen[from - 1] >> (64 - bits);
            }

            seen[i] = value;
        }
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(9 + (Words * 8));
        writer.OptionalU64(Highest);
        Span<byte> word = stackalloc byte[8];
        foreach (var value in _seen)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(word, value);
            writer.Fixed(word);
        }

        return writer.ToArray();
    }

    public static NonceWindow Decode(byte[] bytes)
    {
        var reader = new CanonicalReader(bytes);
        var highest = reader.OptionalU64("highest");
        var seen = new ulong[Words];
        for (var i = 0; i < Words; i++)
        {
            seen[i] = BinaryPrimitives.ReadUInt64LittleEndian(reader.Fixed(8, "seen"));
        }

        reader.ExpectEnd("nonce window");
        return new NonceWindow(highest, seen);
    }
}
