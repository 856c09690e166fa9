namespace TheBlock.Protocol.Energy;

/// <summary>The sizes every energy identifier and list keeps to, checked before anything is stored.</summary>
public static class EnergyLimits
{
    /// <summary>The longest provider id or meter id, in UTF-8 bytes (the reading document's limit too).</summary>
    public const int MaxIdBytes = 128;

    public const int MaxMeters = 64;

    public const int MaxJurisdictionBytes = 64;

    public const int MaxReasonBytes = 512;

    /// <summary>Readings per batch transaction: with the largest ids a full batch still fits a transaction.</summary>
    public const int MaxBatchReadings = 200;

    /// <summary>Keeps <c>amount_kwh × price_per_kwh</c> of any single reading's delta far inside the ledger's range.</summary>
    public const ulong MaxPricePerKwh = 1_000_000_000;

    /// <summary>Why <paramref name="id"/> is not a valid provider or meter id, or null: 1 to 128 bytes of UTF-8 without control characters.</summary>
    public static string? IdProblem(string field, string id)
    {
        var bytes = System.Text.Encoding.UTF8.GetByteCount(id);
        if (bytes is 0 or > MaxIdBytes)
        {
            return $"{field} must be 1 to {MaxIdBytes} bytes of UTF-8, not {bytes}";
        }

        return id.Any(char.IsControl) ? $"{field} must not contain control characters" : null;
    }
}
