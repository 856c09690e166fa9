using TheBlock.Protocol.Encoding;

namespace TheBlock.Protocol.Modules;

/// <summary>One market-specific field of a service receipt (e.g. storage's <c>bytes</c>): a number or a text, never both.</summary>
public readonly record struct ReceiptField(string Name, ulong? Number, string? Text)
{
    private const byte NumberTag = 0;
    private const byte TextTag = 1;

    public static ReceiptField Of(string name, ulong number) => new(name, number, null);

    public static ReceiptField Of(string name, string text) => new(name, null, text);

    /// <summary>The value alone, tagged with its type: the name is the market's schema, not the receipt's bytes.</summary>
    public void WriteValue(CanonicalWriter writer)
    {
        if (Number is { } number)
        {
            writer.U8(NumberTag).U64(number);
        }
        else
        {
            writer.U8(TextTag).Utf8(Text ?? throw new InvalidOperationException($"receipt field {Name} has no value"));
        }
    }

    public static ReceiptField ReadValue(ref CanonicalReader reader, string name) => reader.U8(name) switch
    {
        NumberTag => Of(name, reader.U64(name)),
        TextTag => Of(name, reader.Utf8(name)),
        var tag => throw new FormatException($"receipt field {name} has unknown type tag {tag}"),
    };
}
