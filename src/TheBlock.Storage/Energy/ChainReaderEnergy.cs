using TheBlock.Protocol.Energy;
using TheBlock.Storage.Energy;

namespace TheBlock.Storage;

/// <summary>The energy market as stored: credits and disputes newest first, with keyset paging, and the open totals the node starts its gauges from.</summary>
public sealed partial class ChainReader
{
    /// <summary>
    /// Credits with id below <paramref name="beforeId"/> (all when null), in <paramref name="status"/> and of
    /// <paramref name="providerId"/> when given, newest first.
    /// </summary>
    public EnergyCreditPage ListCredits(CreditStatus? status, string? providerId, ulong? beforeId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        var filters = new List<string>(3);
        using var connection = Open();
        using var command = connection.CreateCommand();
        if (status is { } wanted)
        {
            filters.Add("status = $status");
            command.Parameters.AddWithValue("$status", CreditStatuses.Name(wanted));
        }

        if (providerId is not null)
        {
            filters.Add("provider_id = $provider");
            command.Parameters.AddWithValue("$provider", providerId);
        }

        if (beforeId is { } before)
        {
            // Ids are stored as their signed bit pattern; no chain reaches 2^63 credits, so the order holds.
            filters.Add("credit_id < $before");
            command.Parameters.AddWithValue("$before", (long)Math.Min(before, long.MaxValue));
        }

        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        command.CommandText = $"SELECT {EnergyRows.CreditColumns} FROM energy_credits {where} ORDER BY credit_id DESC LIMIT $take";
        command.Parameters.AddWithValue("$take", limit + 1);
        var items = new List<Credit>(Math.Min(limit, 256));
        var more = false;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(EnergyRows.ReadCredit(reader));
        }

        return new EnergyCreditPage(items, more ? items[^1].CreditId : null);
    }

    /// <summary>Disputes, open or resolved when <paramref name="open"/> says so, newest first.</summary>
    public IReadOnlyList<Dispute> ListDisputes(bool? open, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = open is null
            ? $"SELECT {EnergyRows.DisputeColumns} FROM energy_disputes ORDER BY dispute_id DESC LIMIT $take"
            : $"SELECT {EnergyRows.DisputeColumns} FROM energy_disputes WHERE status = $status ORDER BY dispute_id DESC LIMIT $take";
        command.Parameters.AddWithValue("$take", limit);
        if (open is { } isOpen)
        {
            command.Parameters.AddWithValue("$status", isOpen ? "open" : "resolved");
        }

        var disputes = new List<Dispute>(Math.Min(limit, 256));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            disputes.Add(EnergyRows.ReadDispute(reader));
        }

        return disputes;
    }

    public Dispute? GetEnergyDispute(ulong id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EnergyRows.DisputeColumns} FROM energy_disputes WHERE dispute_id = $id";
        command.Parameters.AddWithValue("$id", unchecked((long)id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? EnergyRows.ReadDispute(reader) : null;
    }

    public Credit? GetEnergyCredit(ulong id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EnergyRows.CreditColumns} FROM energy_credits WHERE credit_id = $id";
        command.Parameters.AddWithValue("$id", unchecked((long)id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? EnergyRows.ReadCredit(reader) : null;
    }

    /// <summary>
    /// The pending credits' count and kWh and the open disputes' count, read in one snapshot. kWh are summed as 32-bit
    /// halves, so no total of unsigned 64-bit amounts overflows SQLite's signed integers.
    /// </summary>
    public EnergyOpenTotals ReadEnergyOpenTotals()
    {
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        using var credits = connection.CreateCommand();
        credits.CommandText = """
            SELECT COUNT(*), COALESCE(SUM((amount_kwh >> 32) & 4294967295), 0), COALESCE(SUM(amount_kwh & 4294967295), 0)
            FROM energy_credits WHERE status = 'pending'
            """;
        ulong count;
        UInt128 kwh;
        using (var reader = credits.ExecuteReader())
        {
            reader.Read();
            count = (ulong)reader.GetInt64(0);
            kwh = ((UInt128)(ulong)reader.GetInt64(1) << 32) + (ulong)reader.GetInt64(2);
        }

        using var disputes = connection.CreateCommand();
        disputes.CommandText = "SELECT COUNT(*) FROM energy_disputes WHERE status = 'open'";
        var open = (ulong)(long)disputes.ExecuteScalar()!;
        return new EnergyOpenTotals(count, kwh > ulong.MaxValue ? ulong.MaxValue : (ulong)kwh, open);
    }
}
