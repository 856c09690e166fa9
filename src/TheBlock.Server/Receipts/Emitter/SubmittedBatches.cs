namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The batch transactions the node admitted queued rows into that no committed block holds yet: the forwarder adds
/// each admitted row, the inclusion tracker follows each batch and takes it out once a block holds it or the node lost
/// it. Held in memory, as the oracle holds its own: the rows stay in the durable queue until their block, and after a
/// restart every one of them is sent again, the node answering <c>included</c> or <c>admitted</c> for those it has.
/// </summary>
public sealed class SubmittedBatches
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Batch> _byTransaction = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _transactionOf = new(StringComparer.Ordinal);
    private readonly HashSet<long> _seqs = [];
    private bool _resend;

    public sealed record Batch(string TxHash, long SubmittedAtMs, List<QueueRow> Rows);

    /// <summary>Rows waiting in admitted batches.</summary>
    public int Rows
    {
        get
        {
            lock (_lock)
            {
                return _seqs.Count;
            }
        }
    }

    /// <summary>Records <paramref name="rows"/> as admitted into <paramref name="txHash"/>, all at once (a row already held stays where it is).</summary>
    public void Add(string txHash, IEnumerable<QueueRow> rows, long atMs)
    {
        lock (_lock)
        {
            foreach (var row in rows)
            {
                if (!_seqs.Add(row.Seq))
                {
                    continue;
                }

                if (!_byTransaction.TryGetValue(txHash, out var batch))
                {
                    _byTransaction[txHash] = batch = new Batch(txHash, atMs, []);
                }

                batch.Rows.Add(row);
                _transactionOf[row.ReceiptId] = txHash;
            }
        }
    }

    /// <summary>Every batch, each with its rows in queue order (the order the node took them in).</summary>
    public IReadOnlyList<Batch> Snapshot()
    {
        lock (_lock)
        {
            return [.. _byTransaction.Values.Select(b => b with { Rows = [.. b.Rows.OrderBy(r => r.Seq)] })];
        }
    }

    /// <summary>The node lost the batch (a restart emptied its mempool, or it dropped it): its rows are sent again.</summary>
    public void Lost(Batch batch)
    {
        Remove(batch);
        Volatile.Write(ref _resend, true);
    }

    /// <summary>Whether rows went back to the forwarder since it last asked; asking clears it.</summary>
    public bool TakeResend() => Interlocked.Exchange(ref _resend, false);

    /// <summary>
    /// Takes out the rows of <paramref name="seen"/> (a <see cref="Snapshot"/>'s batch) once a block holds them; rows
    /// added to the same transaction since the snapshot stay for the next round.
    /// </summary>
    public void Remove(Batch seen)
    {
        lock (_lock)
        {
            if (!_byTransaction.TryGetValue(seen.TxHash, out var batch))
            {
                return;
            }

            var done = seen.Rows.Select(row => row.Seq).ToHashSet();
            foreach (var row in batch.Rows.Where(row => done.Contains(row.Seq)))
            {
                _seqs.Remove(row.Seq);
                _transactionOf.Remove(row.ReceiptId);
            }

            batch.Rows.RemoveAll(row => done.Contains(row.Seq));

            if (batch.Rows.Count == 0)
            {
                _byTransaction.Remove(seen.TxHash);
            }
        }
    }

    public bool Holds(long seq)
    {
        lock (_lock)
        {
            return _seqs.Contains(seq);
        }
    }

    /// <summary>The batch transaction a queued receipt was admitted into, or null while it waits to be sent.</summary>
    public string? TransactionOf(string receiptId)
    {
        lock (_lock)
        {
            return _transactionOf.GetValueOrDefault(receiptId);
        }
    }
}
