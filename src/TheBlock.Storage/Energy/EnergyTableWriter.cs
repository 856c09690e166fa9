using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Energy;
using TheBlock.Storage.Modules;

namespace TheBlock.Storage.Energy;

/// <summary>
/// Applies a block's credit and dispute events to the energy tables with statements compiled once, since one block may
/// create or settle 100,000 credits: a created credit is inserted, a moved one updated, a dispute upserted.
/// </summary>
internal sealed class EnergyTableWriter : IModuleTableWriter
{
    private readonly PreparedStatement _insertCredit;
    private readonly PreparedStatement _updateCredit;
    private readonly PreparedStatement _upsertDispute;

    public EnergyTableWriter(SqliteConnection connection)
    {
        _insertCredit = new(connection, $"INSERT INTO energy_credits ({EnergyRows.CreditColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        _updateCredit = new(connection, """
            UPDATE energy_credits SET provider_id = ?2, meter = ?3, amount_kwh = ?4, price_per_kwh = ?5, reading_timestamp = ?6,
                created_at = ?7, created_height = ?8, status = ?9, settled_at = ?10, settled_height = ?11, receipt_id = ?12,
                payment = ?13, fee = ?14, dispute_id = ?15, closed_at = ?16
            WHERE credit_id = ?1
            """);
        _upsertDispute = new(connection, $"""
            INSERT INTO energy_disputes ({EnergyRows.DisputeColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (dispute_id) DO UPDATE SET status = excluded.status, outcome = excluded.outcome, resolved_by = excluded.resolved_by,
                resolved_at = excluded.resolved_at, resolved_height = excluded.resolved_height, slashed = excluded.slashed
            """);
    }

    public void Write(SqliteTransaction transaction, BlockEffects effects)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        foreach (var emitted in effects.Events)
        {
            switch (emitted.Event)
            {
                case EnergyCreditChanged { From: null, Credit: var created }:
                    BindCredit(_insertCredit, created);
                    _insertCredit.Execute();
                    break;
                case EnergyCreditChanged { Credit: var moved }:
                    BindCredit(_updateCredit, moved);
                    if (_updateCredit.ExecuteCountingChanges() != 1)
                    {
                        throw new StateCorruptedException($"energy credit {moved.CreditId} changed in block {effects.Block.Height} but has no stored row");
                    }

                    break;
                case EnergyDisputeChanged { Dispute: var dispute }:
                    BindDispute(dispute);
                    _upsertDispute.Execute();
                    break;
            }
        }
    }

    public void Dispose()
    {
        _insertCredit.Dispose();
        _updateCredit.Dispose();
        _upsertDispute.Dispose();
    }

    private static void BindCredit(PreparedStatement statement, Credit credit)
    {
        statement.Bind(1, Signed(credit.CreditId));
        statement.Bind(2, credit.ProviderId);
        statement.Bind(3, credit.Meter);
        statement.Bind(4, Signed(credit.AmountKwh));
        statement.Bind(5, Signed(credit.PricePerKwh));
        statement.Bind(6, Signed(credit.ReadingTimestamp));
        statement.Bind(7, Signed(credit.CreatedAt));
        statement.Bind(8, Signed(credit.CreatedHeight));
        statement.Bind(9, CreditStatuses.Name(credit.Status));
        BindOptional(statement, 10, credit.SettledAt);
        BindOptional(statement, 11, credit.SettledHeight);
        BindOptional(statement, 12, credit.ReceiptId);
        BindOptional(statement, 13, credit.Payment);
        BindOptional(statement, 14, credit.Fee);
        BindOptional(statement, 15, credit.DisputeId);
        BindOptional(statement, 16, credit.ClosedAt);
    }

    private void BindDispute(Dispute dispute)
    {
        var statement = _upsertDispute;
        statement.Bind(1, Signed(dispute.DisputeId));
        statement.Bind(2, Signed(dispute.CreditId));
        statement.Bind(3, dispute.ProviderId);
        statement.Bind(4, dispute.Reason);
        statement.Bind(5, dispute.OpenedBy.ToString());
        statement.Bind(6, Signed(dispute.OpenedAt));
        statement.Bind(7, Signed(dispute.OpenedHeight));
        statement.Bind(8, dispute.Meter);
        statement.Bind(9, Signed(dispute.AmountKwh));
        statement.Bind(10, Signed(dispute.ReadingTimestamp));
        statement.Bind(11, dispute.StatusName);
        statement.Bind(12, EnergyRows.OutcomeName(dispute.Outcome));
        statement.Bind(13, dispute.ResolvedBy?.ToString());
        BindOptional(statement, 14, dispute.ResolvedAt);
        BindOptional(statement, 15, dispute.ResolvedHeight);
        BindOptional(statement, 16, dispute.Slashed);
    }

    private static void BindOptional(PreparedStatement statement, int position, ulong? value)
    {
        if (value is { } present)
        {
            statement.Bind(position, Signed(present));
        }
        else
        {
            statement.BindNull(position);
        }
    }

    private static long Signed(ulong value) => unchecked((long)value);
}
