namespace TheBlock.Client.Rpc;

/// <summary>The params of a method that takes none: sent as <c>{}</c>.</summary>
public sealed record NoParams
{
    public static NoParams Value { get; } = new();
}
