namespace TheBlock.Protocol.Energy;

/// <summary>
/// A credit's life (spec/energy.md): pending, then settled or expired; disputed while a dispute is open, voided when
/// one is upheld. Values are stored: never renumber.
/// </summary>
public enum CreditStatus : byte
{
    Pending = 1,
    Settled = 2,
    Expired = 3,
    Disputed = 4,
    Voided = 5,
}

public static class CreditStatuses
{
    public static IReadOnlyList<CreditStatus> All { get; } = Enum.GetValues<CreditStatus>();

    public static string Name(CreditStatus status) => status switch
    {
        CreditStatus.Pending => "pending",
        CreditStatus.Settled => "settled",
        CreditStatus.Expired => "expired",
        CreditStatus.Disputed => "disputed",
        CreditStatus.Voided => "voided",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown credit status"),
    };

    public static CreditStatus? Parse(string name) => All.Cast<CreditStatus?>().FirstOrDefault(s => Name(s!.Value) == name);

    /// <summary>Settled, expired and voided credits never change again.</summary>
    public static bool IsFinal(this CreditStatus status) => status is CreditStatus.Settled or CreditStatus.Expired or CreditStatus.Voided;
}
