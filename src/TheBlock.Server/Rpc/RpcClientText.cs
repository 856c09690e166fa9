using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace TheBlock.Server.Rpc;

/// <summary>Text that came from the client: read it without trusting it, echo it without letting it grow the answer.</summary>
internal static class RpcClientText
{
    /// <summary>
    /// The string value, or false when the element is not a string or escapes a lone surrogate (<c>"\uD800"</c>):
    /// valid JSON, yet no .NET string can hold it, and the client, not our code, is at fault.
    /// </summary>
    public static bool TryGetValidString(this JsonElement element, [NotNullWhen(true)] out string? value)
    {
        value = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>At most <paramref name="maxChars"/> characters and an ellipsis, never splitting a surrogate pair.</summary>
    public static string Shorten(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        int cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return string.Concat(text.AsSpan(0, cut), "...");
    }
}
