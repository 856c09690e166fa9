using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage;

/// <summary>The governance state as stored: disbursements (by id, state or creating transaction), escrow and lease.</summary>
public sealed partial class ChainReader
{
    public const int MaxListLimit = 1_000;

    public TreasuryBalances ReadEscrow() => ReadSystemBalance(TreasuryModule.EscrowAccount);

    public ExecutorLease? ReadLease()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT holder, executor, expires_at FROM executor_lease WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ExecutorLease(reader.GetString(0), new Address((byte[])reader.GetValue(1)), (ulong)reader.GetInt64(2)) : null;
    }

    public Disbursement? GetDisbursement(ulong id) =>
        IsStorable(id) ? QueryDisbursement("SELECT record FROM disbursements WHERE id = $key", (long)id) : null;

    /// <summary>The disbursement that transaction <paramref name="createdTx"/> created, if it did.</summary>
    public Disbursement? FindDisbursementCreatedBy(Hash32 createdTx) =>
        QueryDisbursement("SELECT record FROM disbursements WHERE created_tx = $key", createdTx.ToArray());

    /// <summary>Disbursements with id above <paramref name="afterId"/>, in <paramref name="state"/> if given, ascending by id.</summary>
    public DisbursementPage ListDisbursements(DisbursementState? state, ulong afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxListLimit);
        using var connection = Open();
        using var snapshot = connection.BeginTransaction(deferred: true);
        var items = new List<Disbursement>(Math.Min(limit, 128));
        var more = false;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = state is null
                ? "SELECT record FROM disbursements WHERE id > $after ORDER BY id LIMIT $take"
                : "SELECT record FROM disbursements WHERE state = $state AND id > $after ORDER BY id LIMIT $take";
            command.Parameters.AddWithValue("$after", checked((long)Math.Min(afterId, long.MaxValue)));
            command.Parameters.AddWithValue("$take", limit + 1);
            if (state is { } filter)
            {
                command.Parameters.AddWithValue("$state", DisbursementStates.Name(filter));
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (items.Count == limit)
                {
                    more = true;
                    break;
                }

                items.Add(Disbursement.Decode((byte[])reader.GetValue(0)));
            }
        }

        using var totals = connection.CreateCommand();
        totals.CommandText = state is null
            ? "SELECT count, ct_hi, ct_lo, it_hi, it_lo FROM disbursement_totals"
            : "SELECT count, ct_hi, ct_lo, it_hi, it_lo FROM disbursement_totals WHERE state = $state";
        if (state is { } s)
        {
            totals.Parameters.AddWithValue("$state", DisbursementStates.Name(s));
        }

        var (count, sumCt, sumIt) = (0L, UInt128.Zero, UInt128.Zero);
        using (var rows = totals.ExecuteReader())
        {
            while (rows.Read())
            {
                count += rows.GetInt64(0);
                sumCt += Halves(rows.GetInt64(1), rows.GetInt64(2));
                sumIt += Halves(rows.GetInt64(3), rows.GetInt64(4));
            }
        }

        return new DisbursementPage(items, count, Saturate(sumCt), Saturate(sumIt), more ? items[^1].Id : null);
    }

    private static UInt128 Halves(long high, long low) => ((UInt128)(ulong)high << 32) + (ulong)low;

    /// <summary>Sums past 2^64 − 1 CT (only proposals could add up to that) read as that maximum.</summary>
    private static ulong Saturate(UInt128 sum) => sum > ulong.MaxValue ? ulong.MaxValue : (ulong)sum;

    /// <summary>How many disbursements are in each state (every state present, 0 when none).</summary>
    public IReadOnlyDictionary<DisbursementState, long> CountDisbursementsByState()
    {
        var counts = DisbursementStates.All.ToDictionary(state => state, _ => 0L);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, count FROM disbursement_totals";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (DisbursementStates.TryParse(reader.GetString(0), out var state))
            {
                counts[state] = reader.GetInt64(1);
            }
        }

        return counts;
    }

    private IEnumerable<Disbursement> ReadAllDisbursements()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record FROM disbursements ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return Disbursement.Decode((byte[])reader.GetValue(0));
        }
    }

    private Disbursement? QueryDisbursement(string sql, object key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() is byte[] record ? Disbursement.Decode(record) : null;
    }
}
