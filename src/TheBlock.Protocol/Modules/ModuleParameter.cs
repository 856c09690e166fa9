namespace TheBlock.Protocol.Modules;

/// <summary>
/// One integer setting a module reads from the genesis file's <c>modules.{module}</c> section, with the value it takes
/// when the section leaves it out and the range a genesis may set.
/// </summary>
public sealed record ModuleParameter(string Name, ulong Default, ulong Min, ulong Max, string Meaning)
{
    public string? Problem(string module, ulong value) =>
        value < Min || value > Max ? $"modules.{module}.{Name} is {value}; it must be between {Min} and {Max} ({Meaning})" : null;
}
