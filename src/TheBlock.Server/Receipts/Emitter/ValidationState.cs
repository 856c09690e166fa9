using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// The emitter's own view of what it has already promised, kept in memory beside its persisted copy: the duplicate
/// window (receipt ids and, per provider, a <see cref="NonceWindow"/> of the nonces it accepted, bounded to the chain's
/// window) and each agreement's reservation (what accepted receipts will draw and the chain has not yet paid).
/// A receipt being written is held "in flight", so two concurrent copies cannot both pass, and an aborted write gives
/// its nonce and reservation back.
/// </summary>
public sealed class ValidationState
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<(byte Market, string ProviderId), ProviderWindow> _providers = [];
    private readonly HashSet<string> _inFlightIds = new(StringComparer.Ordinal);

    // Receipts in the queue: still known after a reset of the window, so a resent copy is never queued twice.
    private readonly HashSet<string> _queuedIds = new(StringComparer.Ordinal);
    private readonly HashSet<(byte Market, string ProviderId, ulong Nonce)> _inFlightNonces = [];
    private readonly Dictionary<ulong, ulong> _reserved = [];
    private readonly List<(ulong AgreementId, ulong Amount, ulong Height)> _settling = [];
    private ulong? _viewHeight;

    /// <summary>Rebuilds the state from the database at start-up.</summary>
    public void Load(IEnumerable<SeenReceipt> seen, IEnumerable<QueueRow> pending)
    {
        lock (_gate)
        {
            foreach (var receipt in seen)
            {
                Remember(receipt.ReceiptId, receipt.Market, receipt.ProviderId, receipt.Nonce);
            }

            foreach (var row in pending)
            {
                _queuedIds.Add(row.ReceiptId);
                _reserved[row.AgreementId] = _reserved.GetValueOrDefault(row.AgreementId) + row.Amount;
            }
        }
    }

    /// <summary>
    /// The duplicate, signature, agreement and funds checks in the spec's order against <paramref name="view"/> and this
    /// state; when they pass, the receipt is held in flight and its amount reserved until <see cref="Confirm"/> or <see cref="Abandon"/>.
    /// </summary>
    /// <param name="verified">the signature's check, done ahead outside the lock (null when the provider is unknown).</param>
    public Rejection? TryReserve(MarketReceipt receipt, string receiptId, ChainSnapshot view, bool? verified, out ulong amount)
    {
        amount = 0;
        var key = (receipt.MarketCode, receipt.ProviderId);
        lock (_gate)
        {
            if (_ids.Contains(receiptId) || _inFlightIds.Contains(receiptId) || _queuedIds.Contains(receiptId))
            {
                return new Rejection(ReceiptReasons.DuplicateDetection, $"receipt {receiptId} was already accepted by this emitter");
            }

            var window = _providers.TryGetValue(key, out var provider) ? provider.Window : NonceWindow.Empty;
            var duplicate = ReceiptCheck.Duplicate(receipt, window, _inFlightNonces.Contains((receipt.MarketCode, receipt.ProviderId, receipt.Nonce)));
            var rejection = duplicate
                ?? ReceiptCheck.Signature(receipt, view.Provider(receipt), verified)
                ?? ReceiptCheck.Funding(receipt, view.Agreement(receipt.AgreementId), Reserved(receipt.AgreementId), out amount);
            if (rejection is not null)
            {
                return rejection;
            }

            _inFlightIds.Add(receiptId);
            _inFlightNonces.Add((receipt.MarketCode, receipt.ProviderId, receipt.Nonce));
            _reserved[receipt.AgreementId] = _reserved.GetValueOrDefault(receipt.AgreementId) + amount;
            return null;
        }
    }

    /// <summary>For each provider in <paramref name="receipts"/>, the lowest nonce its window keeps once they are added: older persisted ones can go.</summary>
    public Dictionary<(byte Market, string ProviderId), ulong> WindowFloors(IReadOnlyList<QueuedReceipt> receipts)
    {
        lock (_gate)
        {
            var floors = new Dictionary<(byte, string), ulong>();
            foreach (var group in receipts.GroupBy(r => (r.Receipt.MarketCode, r.Receipt.ProviderId)))
            {
                var highest = Math.Max(group.Max(r => r.Receipt.Nonce), _providers.TryGetValue(group.Key, out var known) ? known.Window.Highest ?? 0 : 0);
                if (highest >= ReceiptsLimits.NonceWindow)
                {
                    floors[group.Key] = highest - ReceiptsLimits.NonceWindow + 1;
                }
            }

            return floors;
        }
    }

    /// <summary>The receipts are committed to the queue: they join the duplicate window.</summary>
    public void Confirm(IReadOnlyList<QueuedReceipt> receipts)
    {
        lock (_gate)
        {
            foreach (var queued in receipts)
            {
                var r = queued.Receipt;
                _inFlightIds.Remove(queued.ReceiptId);
                _inFlightNonces.Remove((r.MarketCode, r.ProviderId, r.Nonce));
                _queuedIds.Add(queued.ReceiptId);
                Remember(queued.ReceiptId, r.MarketCode, r.ProviderId, r.Nonce);
            }
        }
    }

    /// <summary>The receipts could not be queued (or had no room): their nonces and reservations are given back.</summary>
    public void Abandon(IReadOnlyList<QueuedReceipt> receipts)
    {
        lock (_gate)
        {
            foreach (var queued in receipts)
            {
                var r = queued.Receipt;
                _inFlightIds.Remove(queued.ReceiptId);
                _inFlightNonces.Remove((r.MarketCode, r.ProviderId, r.Nonce));
                Unreserve(r.AgreementId, queued.Amount);
            }
        }
    }

    /// <summary>A committed block at <paramref name="height"/> paid it: the reservation holds until the synced deposits show the payment.</summary>
    public void Included(string receiptId, ulong agreementId, ulong amount, ulong height)
    {
        lock (_gate)
        {
            _queuedIds.Remove(receiptId);
            Unreserve(agreementId, amount);
            if (_viewHeight is not { } seen || seen < height)
            {
                _settling.Add((agreementId, amount, height));
            }
        }
    }

    /// <summary>The node refused it: it will draw nothing.</summary>
    public void Dropped(string receiptId, ulong agreementId, ulong amount)
    {
        lock (_gate)
        {
            _queuedIds.Remove(receiptId);
            Unreserve(agreementId, amount);
        }
    }

    /// <summary>A sync reached <paramref name="height"/>: payments of blocks up to it are in the synced deposits now.</summary>
    public void ViewAt(ulong height)
    {
        lock (_gate)
        {
            _viewHeight = height;
            _settling.RemoveAll(s => s.Height <= height);
        }
    }

    public ulong ReservedFor(ulong agreementId)
    {
        lock (_gate)
        {
            return Reserved(agreementId);
        }
    }

    /// <summary>Forgets the duplicate window (reservations and queued receipts stay: they are the queue's); answers how many receipt ids and provider nonces it held.</summary>
    public (ulong ReceiptIds, ulong ProviderNonces) Clear()
    {
        lock (_gate)
        {
            var ids = (ulong)_ids.Count;
            var nonces = (ulong)_providers.Values.Sum(p => p.Ids.Count);
            _ids.Clear();
            _providers.Clear();
            return (ids, nonces);
        }
    }

    private ulong Reserved(ulong agreementId)
    {
        var reserved = _reserved.GetValueOrDefault(agreementId);
        foreach (var (agreement, amount, _) in _settling)
        {
            if (agreement == agreementId)
            {
                reserved += amount;
            }
        }

        return reserved;
    }

    private void Unreserve(ulong agreementId, ulong amount)
    {
        var left = _reserved.GetValueOrDefault(agreementId) - Math.Min(amount, _reserved.GetValueOrDefault(agreementId));
        if (left == 0)
        {
            _reserved.Remove(agreementId);
        }
        else
        {
            _reserved[agreementId] = left;
        }
    }

    private void Remember(string receiptId, byte market, string providerId, ulong nonce)
    {
        if (!_providers.TryGetValue((market, providerId), out var provider))
        {
            provider = new ProviderWindow();
            _providers[(market, providerId)] = provider;
        }

        provider.Window = provider.Window.With(nonce);
        provider.Ids[nonce] = receiptId;
        _ids.Add(receiptId);
        // Nonces the window no longer tells apart count as seen anyway: their ids need not be kept.
        var floor = provider.Window.Highest is { } highest && highest >= ReceiptsLimits.NonceWindow ? highest - ReceiptsLimits.NonceWindow + 1 : 0;
        while (provider.Ids.Count > 0 && provider.Ids.Keys.First() < floor)
        {
            _ids.Remove(provider.Ids.Values.First());
            provider.Ids.Remove(provider.Ids.Keys.First());
        }
    }

    private sealed class ProviderWindow
    {
        public NonceWindow Window { get; set; } = NonceWindow.Empty;

        public SortedDictionary<ulong, string> Ids { get; } = [];
    }
}
