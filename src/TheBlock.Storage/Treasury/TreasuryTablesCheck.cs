using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Storage.Treasury;

/// <summary>
/// Proves the treasury's query tables against the state at start-up: one row per disbursement ever created, each
/// holding exactly the record the state commits to, and the lease the state holds.
/// </summary>
internal static class TreasuryTablesCheck
{
    public static void Verify(SqliteConnection connection, IStateReader state)
    {
        var expected = state.NextDisbursementId - 1;
        ulong rows = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, state, record FROM disbursements ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows++;
                var id = (ulong)reader.GetInt64(0);
                var committed = state.Get(TreasuryState.ActiveKey(id)) ?? state.Get(TreasuryState.FinalKey(id))
                    ?? throw Disagree($"disbursement {id} has a row but no state");
                var record = (byte[])reader.GetValue(2);
                if (!record.AsSpan().SequenceEqual(committed.Bytes)
                    || reader.GetString(1) != DisbursementStates.Name(Disbursement.Decode(record).State))
                {
                    throw Disagree($"the stored record of disbursement {id} is not the one the state commits to");
                }
            }
        }

        if (rows != expected)
        {
            throw Disagree($"{rows} disbursements are stored but {expected} were created");
        }

        using var lease = connection.CreateCommand();
        lease.CommandText = "SELECT holder, executor, expires_at FROM executor_lease WHERE id = 1";
        using var leaseReader = lease.ExecuteReader();
        var stored = leaseReader.Read()
            ? new ExecutorLease(leaseReader.GetString(0), new Protocol.Primitives.Address((byte[])leaseReader.GetValue(1)), (ulong)leaseReader.GetInt64(2))
            : null;
        if (stored != state.Lease)
        {
            throw Disagree($"the stored executor lease ({stored?.ToString() ?? "none"}) is not the state's ({state.Lease?.ToString() ?? "none"})");
        }
    }

    private static StateCorruptedException Disagree(string detail) => new($"treasury tables disagree with the state: {detail}");
}
