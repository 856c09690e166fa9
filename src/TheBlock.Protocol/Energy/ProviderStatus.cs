namespace TheBlock.Protocol.Energy;

/// <summary>
/// Where a provider stands (spec/energy.md). Only an <see cref="Active"/> provider's readings become credits;
/// <see cref="Inactive"/> is an exiting provider whose open credits still finish, <see cref="Unregistered"/> one whose
/// stake has been returned. Values are stored: never renumber.
/// </summary>
public enum ProviderStatus : byte
{
    Active = 1,
    Suspended = 2,
    Slashed = 3,
    Inactive = 4,
    Unregistered = 5,
}

public static class ProviderStatuses
{
    public static IReadOnlyList<ProviderStatus> All { get; } = Enum.GetValues<ProviderStatus>();

    public static string Name(ProviderStatus status) => status switch
    {
        ProviderStatus.Active => "active",
        ProviderStatus.Suspended => "suspended",
        ProviderStatus.Slashed => "slashed",
        ProviderStatus.Inactive => "inactive",
        ProviderStatus.Unregistered => "unregistered",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown provider status"),
    };

    public static ProviderStatus? Parse(string name) => All.Cast<ProviderStatus?>().FirstOrDefault(s => Name(s!.Value) == name);
}
