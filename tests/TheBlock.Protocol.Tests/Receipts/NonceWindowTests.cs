using FsCheck.Xunit;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Protocol.Tests.Receipts;

/// <summary>The anti-replay window answers exactly like a set of every nonce used, except that nonces older than the window count as used.</summary>
public class NonceWindowTests
{
    private const ulong Window = ReceiptsLimits.NonceWindow;

    [Property(MaxTest = 300)]
    public void It_agrees_with_a_set_of_every_used_nonce(ushort[] steps, bool[] backwards)
    {
        var window = NonceWindow.Empty;
        var used = new HashSet<ulong>();
        var highest = (ulong?)null;
        var next = 5_000UL;
        for (var i = 0; i < (steps ?? []).Length; i++)
        {
            // Mostly forward, sometimes back into (or below) the window, as parallel emitters would deliver them.
            next = backwards is { Length: > 0 } && backwards[i % backwards.Length] ? next - Math.Min(next, steps![i] % 1_500UL) : next + (steps![i] % 700UL);
            var expected = used.Contains(next) || (highest is { } h && next <= h && h - next >= Window);
            Assert.Equal(expected, window.Contains(next));
            if (!expected)
            {
                window = window.With(next);
                used.Add(next);
                highest = Math.Max(highest ?? 0, next);
            }

            Assert.Equal(highest, window.Highest);
        }

        var decoded = NonceWindow.Decode(window.Encode());
        foreach (var nonce in used)
        {
            Assert.True(decoded.Contains(nonce));
        }
    }

    [Fact]
    public void An_empty_window_has_seen_nothing_and_a_jump_beyond_the_window_forgets_everything_below_it()
    {
        Assert.False(NonceWindow.Empty.Contains(0));

        var window = NonceWindow.Empty.With(10).With(12).With(10 + Window + 5);

        Assert.True(window.Contains(10));
        Assert.True(window.Contains(12));
        Assert.False(window.Contains(13 + Window));
        Assert.True(window.Contains(10 + Window + 5));
        Assert.Contains("already used", window.DuplicateMessage("p", 10 + Window + 5), StringComparison.Ordinal);
        Assert.Contains("below its highest", window.DuplicateMessage("p", 12), StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_possible_nonce_is_usable_once()
    {
        var window = NonceWindow.Empty.With(ulong.MaxValue);

        Assert.True(window.Contains(ulong.MaxValue));
        Assert.False(window.Contains(ulong.MaxValue - 1));
        Assert.True(window.Contains(0));
    }
}
