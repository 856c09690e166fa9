namespace TheBlock.Protocol.Receipts;

/// <summary>The sizes every receipts identifier and batch keeps to, checked before anything is stored.</summary>
public static class ReceiptsLimits
{
    /// <summary>The longest provider id or text field, in UTF-8 bytes.</summary>
    public const int MaxIdBytes = 64;

    /// <summary>Receipts per batch transaction: with the largest ids and fields a full batch still fits a transaction.</summary>
    public const int MaxBatchReceipts = 200;

    /// <summary>How many nonces below a provider's highest one the chain remembers; an older nonce is a duplicate.</summary>
    public const int NonceWindow = 1024;

    /// <summary>Keeps <c>units × unit_price</c> of a receipt inside the ledger's range for any sane usage.</summary>
    public const ulong MaxUnitPrice = 1_000_000_000;

    /// <summary>Why <paramref name="id"/> is not a valid provider id or text field, or null: 1 to 64 bytes of UTF-8 without control characters.</summary>
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
