using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Ledger;

namespace TheBlock.Storage.Energy;

/// <summary>
/// Proves the energy tables against the state at start-up: one credit row per credit ever created, every pending or
/// disputed row exactly an open credit of the state (and every open credit such a row), and every dispute row exactly
/// the state's dispute. A mismatch names the record and the field.
/// </summary>
internal static class EnergyTablesCheck
{
    public static void Verify(SqliteConnection connection, IStateReader state)
    {
        var counters = state.EnergyCounters;
        var created = counters.NextCreditId - 1;
        var rows = Count(connection, "SELECT COUNT(*) FROM energy_credits");
        if ((ulong)rows != created)
        {
            throw Disagree($"{rows} credits are stored but {created} were created");
        }

        var open = state.OpenCredits().ToDictionary(credit => credit.CreditId);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {EnergyRows.CreditColumns} FROM energy_credits WHERE status IN ('pending', 'disputed') ORDER BY credit_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var stored = EnergyRows.ReadCredit(reader);
                if (!open.Remove(stored.CreditId, out var committed))
                {
                    throw Disagree($"credit {stored.CreditId} is stored as {CreditStatuses.Name(stored.Status)} but the state holds no open credit {stored.CreditId}");
                }

                if (stored != committed)
                {
                    throw Disagree($"the stored row of credit {stored.CreditId} is not the credit the state commits to ({Difference(stored, committed)})");
                }
            }
        }

        if (open.Count > 0)
        {
            var missing = open.Values.First();
            throw Disagree($"open credit {missing.CreditId} ({CreditStatuses.Name(missing.Status)}) has no pending or disputed row ({open.Count} in all)");
        }

        var disputes = state.Disputes().ToDictionary(dispute => dispute.DisputeId);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {EnergyRows.DisputeColumns} FROM energy_disputes ORDER BY dispute_id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var stored = EnergyRows.ReadDispute(reader);
                if (!disputes.Remove(stored.DisputeId, out var committed))
                {
                    throw Disagree($"dispute {stored.DisputeId} has a row but no state");
                }

                if (stored != committed || reader.GetString(10) != committed.StatusName)
                {
                    throw Disagree($"the stored row of dispute {stored.DisputeId} is not the dispute the state commits to");
                }
            }
        }

        if (disputes.Count > 0)
        {
            throw Disagree($"dispute {disputes.Keys.Min()} has no stored row ({disputes.Count} in all)");
        }
    }

    private static string Difference(Credit stored, Credit committed) =>
        stored.Status != committed.Status ? $"status {CreditStatuses.Name(stored.Status)}, state says {CreditStatuses.Name(committed.Status)}"
        : stored.AmountKwh != committed.AmountKwh ? $"amount_kwh {stored.AmountKwh}, state says {committed.AmountKwh}"
        : stored.ProviderId != committed.ProviderId ? $"provider_id {stored.ProviderId}, state says {committed.ProviderId}"
        : "a field differs";

    private static long Count(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static StateCorruptedException Disagree(string detail) => new($"energy tables disagree with the state: {detail}");
}
