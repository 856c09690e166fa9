using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;

namespace TheBlock.Server.Receipts;

/// <summary>
/// Receipts the node admitted into batch transactions that no block has committed yet: by id (to answer a repeated
/// submission with its transaction), the provider nonces they hold and what they reserve of each agreement. Its lock
/// is held only for its own dictionaries, never while calling the chain, so a block's commit handler may take it.
/// Each pending receipt's signature check stays in the chain's <see cref="VerifiedSignatureMemo"/> for as long as it is
/// pending, so the block that takes it does not verify it again.
/// </summary>
internal sealed class PendingReceipts(VerifiedSignatureMemo verified)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, Entry> _byId = [];
    private readonly Dictionary<Hash32, List<Hash32>> _byTransaction = [];
    private readonly Dictionary<Hash32, Hash32> _transactionOf = [];
    private readonly HashSet<(ServiceMarket, string, ulong)> _nonces = [];
    private readonly Dictionary<ulong, ulong> _reserved = [];
    private readonly Dictionary<ServiceMarket, ulong> _perMarket = [];

    public sealed record Entry(Hash32 ReceiptId, ServiceMarket Market, string ProviderId, ulong Nonce, ulong AgreementId, ulong Amount, Hash32 SignatureCheck);

    public void Add(Hash32 transaction, IReadOnlyList<Entry> entries)
    {
        lock (_lock)
        {
            var ids = new List<Hash32>(entries.Count);
            foreach (var entry in entries)
            {
                _byId[entry.ReceiptId] = entry;
                _transactionOf[entry.ReceiptId] = transaction;
                _nonces.Add((entry.Market, entry.ProviderId, entry.Nonce));
                _reserved[entry.AgreementId] = _reserved.GetValueOrDefault(entry.AgreementId) + entry.Amount;
                _perMarket[entry.Market] = _perMarket.GetValueOrDefault(entry.Market) + 1;
                verified.Remember(entry.SignatureCheck);
                ids.Add(entry.ReceiptId);
            }

            _byTransaction[transaction] = ids;
        }
    }


    public Hash32? TransactionOf(Hash32 receiptId)
    {
        lock (_lock)
        {
            return _transactionOf.TryGetValue(receiptId, out var transaction) ? transaction : null;
        }
    }

    public bool HoldsNonce(ServiceMarket market, string providerId, ulong nonce)
    {
        lock (_lock)
        {
            return _nonces.Contains((market, providerId, nonce));
        }
    }

    public ulong Reserved(ulong agreementId)
    {
        lock (_lock)
        {
            return _reserved.GetValueOrDefault(agreementId);
        }
    }

    public IReadOnlyList<Hash32> Transactions()
    {
        lock (_lock)
        {
            return [.. _byTransaction.Keys];
        }
    }

    /// <summary>Forgets the receipts of these transactions: a block committed them (or refused them), or the mempool dropped them.</summary>
    public void Forget(IEnumerable<Hash32> transactions)
    {
        lock (_lock)
        {
            foreach (var transaction in transactions)
            {
                if (!_byTransaction.Remove(transaction, out var ids))
                {
                    continue;
                }

                foreach (var id in ids)
                {
                    if (!_byId.Remove(id, out var entry))
                    {
                        continue;
                    }

                    _transactionOf.Remove(id);
                    verified.Forget(entry.SignatureCheck);
                    _nonces.Remove((entry.Market, entry.ProviderId, entry.Nonce));
                    var left = _reserved.GetValueOrDefault(entry.AgreementId) - Math.Min(entry.Amount, _reserved.GetValueOrDefault(entry.AgreementId));
                    if (left == 0)
                    {
                        _reserved.Remove(entry.AgreementId);
                    }
                    else
                    {
                        _reserved[entry.AgreementId] = left;
                    }

                    _perMarket[entry.Market]--;
                }
            }
        }
    }

    /// <summary>How many receipts wait for a block, in <paramref name="market"/> or in all markets.</summary>
    public ulong Count(ServiceMarket? market)
    {
        lock (_lock)
        {
            return market is { } one ? _perMarket.GetValueOrDefault(one) : (ulong)_byId.Count;
        }
    }
}
