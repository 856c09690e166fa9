using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage.Energy;

/// <summary>The column lists of the energy tables and how a row reads back into the record it stores, defined once for the writer, the check and the queries.</summary>
internal static class EnergyRows
{
    public const string CreditColumns =
        "credit_id, provider_id, meter, amount_kwh, price_per_kwh, reading_timestamp, created_at, created_height, status, "
        + "settled_at, settled_height, receipt_id, payment, fee, dispute_id, closed_at";

    public const string DisputeColumns =
        "dispute_id, credit_id, provider_id, reason, opened_by, opened_at, opened_height, meter, amount_kwh, reading_timestamp, "
        + "status, outcome, resolved_by, resolved_at, resolved_height, slashed";

    public static Credit ReadCredit(SqliteDataReader row) => new()
    {
        CreditId = U64(row, 0),
        ProviderId = row.GetString(1),
        Meter = row.GetString(2),
        AmountKwh = U64(row, 3),
        PricePerKwh = U64(row, 4),
        ReadingTimestamp = U64(row, 5),
        CreatedAt = U64(row, 6),
        CreatedHeight = U64(row, 7),
        Status = CreditStatuses.Parse(row.GetString(8)) ?? throw new StateCorruptedException($"credit {U64(row, 0)} has unknown status \"{row.GetString(8)}\""),
        SettledAt = OptionalU64(row, 9),
        SettledHeight = OptionalU64(row, 10),
        ReceiptId = OptionalU64(row, 11),
        Payment = OptionalU64(row, 12),
        Fee = OptionalU64(row, 13),
        DisputeId = OptionalU64(row, 14),
        ClosedAt = OptionalU64(row, 15),
    };

    public static Dispute ReadDispute(SqliteDataReader row) => new()
    {
        DisputeId = U64(row, 0),
        CreditId = U64(row, 1),
        ProviderId = row.GetString(2),
        Reason = row.GetString(3),
        OpenedBy = ParseAddress(row.GetString(4)),
        OpenedAt = U64(row, 5),
        OpenedHeight = U64(row, 6),
        Meter = row.GetString(7),
        AmountKwh = U64(row, 8),
        ReadingTimestamp = U64(row, 9),
        Outcome = row.IsDBNull(11) ? DisputeOutcome.None : ParseOutcome(row.GetString(11)),
        ResolvedBy = row.IsDBNull(12) ? null : ParseAddress(row.GetString(12)),
        ResolvedAt = OptionalU64(row, 13),
        ResolvedHeight = OptionalU64(row, 14),
        Slashed = OptionalU64(row, 15),
    };

    public static string? OutcomeName(DisputeOutcome outcome) => outcome switch
    {
        DisputeOutcome.Upheld => "upheld",
        DisputeOutcome.Rejected => "rejected",
        _ => null,
    };

    private static DisputeOutcome ParseOutcome(string text) => text switch
    {
        "upheld" => DisputeOutcome.Upheld,
        "rejected" => DisputeOutcome.Rejected,
        _ => throw new StateCorruptedException($"dispute outcome \"{text}\" is neither upheld nor rejected"),
    };

    private static Address ParseAddress(string text) =>
        Address.TryParse(text, out var address, out var error) ? address : throw new StateCorruptedException($"stored address \"{text}\": {error}");

    private static ulong U64(SqliteDataReader row, int column) => unchecked((ulong)row.GetInt64(column));

    private static ulong? OptionalU64(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : U64(row, column);
}
