using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>The account a ledger entry moves: a user address or a reserved system account.</summary>
public readonly record struct LedgerAccount
{
    private LedgerAccount(Address? user, string? system)
    {
        User = user;
        System = system;
    }

    public Address? User { get; }

    public string? System { get; }

    public static LedgerAccount Of(Address address) => new(address, null);

    public static LedgerAccount OfSystem(string name) =>
        SystemAccounts.IsReservedName(name) ? new(null, name) : throw new ArgumentException($"\"{name}\" is not a system account", nameof(name));

    /// <summary>The storage key: 20 address bytes for a user, the UTF-8 name for a system account.</summary>
    public byte[] ToKey() => User is { } address ? address.ToArray() : global::System.Text.Encoding.UTF8.GetBytes(System!);

    public override string ToString() => User?.ToString() ?? System!;
}
