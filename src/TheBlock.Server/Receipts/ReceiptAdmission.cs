using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Storage;

namespace TheBlock.Server.Receipts;

/// <summary>
/// The node's side of <c>receipts.batch.submit</c>: reads each receipt's wire bytes, verifies signatures in parallel
/// outside any lock, then under one gate answers each receipt — <c>admitted</c> again with its transaction when it is
/// already pending, <c>included</c> when a committed block holds this very receipt (so an emitter that resubmits after
/// a crash is told, not refused), or the first failed check of <see cref="ReceiptCheck"/> against the state plus what
/// it admitted that no block holds yet (pending nonces, amounts reserved per agreement) — and puts the admitted ones
/// into batch transactions signed with the node's key. The gate keeps two emitters from both passing one nonce; a
/// block re-checks everything anyway, and what it refuses shows in its <see cref="MarketReceiptsIncluded"/> outcomes.
/// </summary>
public sealed class ReceiptAdmission
{
    public const int MaxReceiptsPerCall = 1_000;

    private readonly ChainService _chain;
    private readonly ReceiptsMetrics _metrics;
    private readonly ILogger _log;
    private readonly Lock _gate = new();
    private readonly PendingReceipts _pending;

    public ReceiptAdmission(ChainService chain, ReceiptsMetrics metrics, ILoggerFactory loggers)
    {
        _chain = chain;
        _pending = new PendingReceipts(chain.VerifiedSignatures);
        _metrics = metrics;
        _log = loggers.CreateLogger(ReceiptsLog.Category);
    }

    /// <summary>Receipts admitted that no block has committed, in <paramref name="market"/> or in all markets.</summary>
    public ulong Pending(ServiceMarket? market) => _pending.Count(market);

    /// <summary>Called with each committed block (under the chain lock): its batches' receipts are no longer pending.</summary>
    internal void OnBlockCommitted(CommittedBlock block) =>
        _pending.Forget(block.Effects.Block.Transactions.Where(t => t.Payload is ReceiptBatchPayload).Select(t => t.Hash));

    public ReceiptBatchResult Submit(string emitterId, IReadOnlyList<string> encoded)
    {
        var count = encoded.Count;
        var verdicts = new ReceiptVerdict?[count];
        var receipts = new MarketReceipt?[count];
        for (var i = 0; i < count; i++)
        {
            if (Decode(encoded[i], out var problem) is { } receipt)
            {
                receipts[i] = receipt;
            }
            else
            {
                verdicts[i] = Rejected("", ReceiptReasons.SchemaMismatch, $"receipt {i + 1} is not a receipt's base64 wire bytes: {problem}");
            }
        }

        var ids = receipts.Select(r => r?.ReceiptId ?? Hash32.Zero).ToArray();
        var keys = _chain.Read(state => receipts.OfType<MarketReceipt>().Where(r => r.Market is not null).Select(r => (r.Market!.Value, r.ProviderId)).Distinct()
            .ToDictionary(key => key, key => state.GetMarketProvider(key.Value, key.ProviderId)));
        var verified = new bool?[count];
        Parallel.For(0, count, i =>
        {
            if (receipts[i] is { Market: { } market } receipt && keys[(market, receipt.ProviderId)] is { } provider && receipt.Signature.Length == Protocol.Crypto.Ed25519.SignatureSize)
            {
                verified[i] = receipt.VerifySignature(provider.PublicKey);
            }
        });

        ulong height;
        lock (_gate)
        {
            height = AdmitVerified(receipts, ids, verified, verdicts);
        }

        for (var i = 0; i < count; i++)
        {
            if (verdicts[i] is { Status: ReceiptVerdict.Rejected } refused)
            {
                var market = receipts[i]?.MarketName ?? RefusalTally.UnknownMarket;
                if (ReceiptReasons.Validation.Contains(refused.Reason!))
                {
                    _metrics.CountRefusal(market, refused.Reason!);
                }

                ReceiptsLog.ReceiptRejected(_log, market, refused.Reason!, "admission", refused.ReceiptId, receipts[i]?.ProviderId ?? "-", emitterId, refused.Message ?? string.Empty);
            }
        }

        return new ReceiptBatchResult(height, [.. verdicts.Select(v => v!)]);
    }

    private ulong AdmitVerified(MarketReceipt?[] receipts, Hash32[] ids, bool?[] verified, ReceiptVerdict?[] verdicts)
    {
        // A batch the mempool no longer holds was committed (the commit handler forgot it) or dropped: forget it either
        // way; the index below tells a committed receipt apart.
        var gone = _pending.Transactions().Where(hash => !_chain.IsPending(hash)).ToList();
        _pending.Forget(gone);

        var first = new Dictionary<Hash32, int>();
        var open = new List<int>();
        for (var i = 0; i < receipts.Length; i++)
        {
            if (verdicts[i] is not null)
            {
                continue;
            }

            if (!first.TryAdd(ids[i], i))
            {
                continue;
            }

            if (_pending.TransactionOf(ids[i]) is { } transaction)
            {
                verdicts[i] = new ReceiptVerdict(ids[i].ToString(), ReceiptVerdict.Admitted, transaction.ToString(), null, null, null);
                continue;
            }

            open.Add(i);
        }

        MarkIncluded(receipts, ids, verdicts, open);
        open.RemoveAll(i => verdicts[i] is not null);

        var (height, providers, windows, agreements) = _chain.Read(state =>
        {
            var known = open.Select(i => receipts[i]!).Where(r => r.Market is not null).ToList();
            var byProvider = known.Select(r => (r.Market!.Value, r.ProviderId)).Distinct().ToList();
            return (
                state.Height,
                byProvider.ToDictionary(key => key, key => state.GetMarketProvider(key.Value, key.ProviderId)),
                byProvider.ToDictionary(key => key, key => state.NonceWindowOf(key.Value, key.ProviderId)),
                known.Select(r => r.AgreementId).Distinct().ToDictionary(id => id, id => state.GetAgreement(id)));
        });

        var reserved = new Dictionary<ulong, ulong>();
        var nonces = new HashSet<(ServiceMarket, string, ulong)>();
        var admitted = new List<(int Index, PendingReceipts.Entry Entry)>();
        foreach (var i in open)
        {
            var receipt = receipts[i]!;
            MarketProvider? provider = null;
            var window = NonceWindow.Empty;
            Agreement? agreement = null;
            var pendingElsewhere = false;
            if (receipt.Market is { } market)
            {
                provider = providers[(market, receipt.ProviderId)];
                window = windows[(market, receipt.ProviderId)];
                agreement = agreements[receipt.AgreementId];
                pendingElsewhere = nonces.Contains((market, receipt.ProviderId, receipt.Nonce)) || _pending.HoldsNonce(market, receipt.ProviderId, receipt.Nonce);
            }

            var promised = reserved.GetValueOrDefault(receipt.AgreementId) + _pending.Reserved(receipt.AgreementId);
            if (ReceiptCheck.Check(receipt, provider, window, pendingElsewhere, agreement, promised, out var amount, verified[i]) is { } refusal)
            {
                verdicts[i] = Rejected(ids[i].ToString(), refusal.Reason, refusal.Message);
                continue;
            }

            var entry = new PendingReceipts.Entry(
                ids[i], receipt.Market!.Value, receipt.ProviderId, receipt.Nonce, receipt.AgreementId, amount, IVerifiedSignatures.CheckOf(provider!.PublicKey, ids[i], receipt.Signature.Span));
            nonces.Add((entry.Market, entry.ProviderId, entry.Nonce));
            reserved[entry.AgreementId] = reserved.GetValueOrDefault(entry.AgreementId) + amount;
            admitted.Add((i, entry));
        }

        foreach (var chunk in admitted.Chunk(ReceiptsLimits.MaxBatchReceipts))
        {
            var (transaction, rejection) = _chain.SubmitSigned(new ReceiptBatchPayload([.. chunk.Select(a => receipts[a.Index]!)]));
            if (rejection is null)
            {
                _pending.Add(transaction.Hash, [.. chunk.Select(a => a.Entry)]);
            }

            foreach (var (i, _) in chunk)
            {
                verdicts[i] = rejection is null
                    ? new ReceiptVerdict(ids[i].ToString(), ReceiptVerdict.Admitted, transaction.Hash.ToString(), null, null, null)
                    : Rejected(ids[i].ToString(), rejection.Reason, $"the node could not admit the receipt batch: {rejection.Message}");
            }
        }

        // A block may have committed a receipt between the index lookup and the state read: its nonce then reads as
        // used, but it is this very receipt, so it is included, not a duplicate.
        MarkIncluded(receipts, ids, verdicts, [.. open.Where(i => verdicts[i] is { Reason: ReceiptReasons.DuplicateDetection })], replace: true);

        for (var i = 0; i < receipts.Length; i++)
        {
            verdicts[i] ??= verdicts[first[ids[i]]];
        }

        return height;
    }

    /// <summary>Answers <c>included</c> for each receipt a committed block already holds: its row's market, provider, agreement, units and time match.</summary>
    private void MarkIncluded(MarketReceipt?[] receipts, Hash32[] ids, ReceiptVerdict?[] verdicts, List<int> indexes, bool replace = false)
    {
        if (indexes.Count == 0)
        {
            return;
        }

        var candidates = _chain.ReadStore(reader => reader.ReceiptCandidates(indexes.Select(i => ids[i])));
        foreach (var i in indexes)
        {
            var receipt = receipts[i]!;
            var row = candidates[ids[i]].FirstOrDefault(row =>
                row.Market == receipt.MarketName && row.ProviderId == receipt.ProviderId && row.Reference == receipt.AgreementId
                && row.Units == receipt.Units && row.CreatedAt == receipt.CreatedAt);
            if (row is not null && (verdicts[i] is null || replace))
            {
                verdicts[i] = new ReceiptVerdict(ids[i].ToString(), ReceiptVerdict.Included, null, row.Height, null, null);
            }
        }
    }

    private static MarketReceipt? Decode(string encoded, out string problem)
    {
        problem = string.Empty;
        try
        {
            var reader = new CanonicalReader(Convert.FromBase64String(encoded));
            var receipt = MarketReceipt.Read(ref reader);
            reader.ExpectEnd("receipt");
            return receipt;
        }
        catch (FormatException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    private static ReceiptVerdict Rejected(string id, string reason, string message) => new(id, ReceiptVerdict.Rejected, null, null, reason, message);
}
