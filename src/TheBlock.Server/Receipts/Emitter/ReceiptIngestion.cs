using System.Text.Json;
using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Server.Receipts.Emitter;

/// <summary>
/// What happens to posted receipts, in order: read (<c>schema_mismatch</c>), checked against the synced view and the
/// emitter's validation state (<c>duplicate_detection</c>, <c>signature_invalid</c>, <c>agreement_invalid</c>,
/// <c>insufficient_funds</c>), then committed to the durable queue. Each refusal is counted and logged with its market.
/// </summary>
public sealed class ReceiptIngestion(
    EmitterChainView view, ValidationState validation, ReceiptQueue queue, EmitterMetrics metrics, ILoggerFactory loggers)
{
    private readonly ILogger _log = loggers.CreateLogger(ReceiptRejectionLog.Category);

    public async Task<ReceiptAnswer[]> IngestAsync(IReadOnlyList<JsonElement> documents, CancellationToken cancellationToken)
    {
        var answers = new ReceiptAnswer[documents.Count];
        var parsed = new List<(int Index, MarketReceipt Receipt, string Id)>();
        for (var i = 0; i < documents.Count; i++)
        {
            var parse = ReceiptDocument.Read(documents[i]);
            if (parse.Receipt is { } receipt)
            {
                parsed.Add((i, receipt, receipt.ReceiptId.ToString()));
            }
            else
            {
                answers[i] = Reject(parse.Rejection!, null, null, MarketNamed(documents[i]));
            }
        }

        if (parsed.Count == 0)
        {
            return answers;
        }

        if (view.Current is null)
        {
            await view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (view.Current is not { } snapshot)
        {
            foreach (var (index, _, id) in parsed)
            {
                answers[index] = new ReceiptAnswer(ReceiptAnswer.Unavailable, id, EmitterReasons.NotSynced, "the emitter has not synced providers and agreements from the node yet; send it again shortly");
            }

            return answers;
        }

        if (parsed.Any(p => snapshot.Provider(p.Receipt) is null || snapshot.Agreement(p.Receipt.AgreementId) is null))
        {
            // A provider registered or an agreement opened since the last sync: look again before calling it unknown.
            await view.RefreshAsync(cancellationToken).ConfigureAwait(false);
            snapshot = view.Current!;
        }

        // Room first: a receipt the full queue could not take is answered busy before its signature is checked, so a
        // flood costs the emitter little more than reading it.
        var room = queue.HoldRoomUpTo(parsed.Count);
        foreach (var (index, _, id) in parsed.Skip(room))
        {
            answers[index] = new ReceiptAnswer(ReceiptAnswer.Busy, id, EmitterReasons.Busy, $"the emitter's queue is full ({queue.Capacity} receipts); send it again shortly");
        }

        var verified = parsed.Take(room).Select(p => snapshot.Provider(p.Receipt) is { } provider ? p.Receipt.VerifySignature(provider.PublicKey) : (bool?)null).ToArray();
        var held = new List<(int Index, QueuedReceipt Queued)>();
        for (var k = 0; k < room; k++)
        {
            var (index, receipt, id) = parsed[k];
            if (validation.TryReserve(receipt, id, snapshot, verified[k], out var amount) is { } rejection)
            {
                answers[index] = Reject(rejection, receipt, id);
                continue;
            }

            held.Add((index, QueuedReceipt.Of(receipt, amount)));
        }

        queue.Release(room - held.Count);
        if (held.Count == 0)
        {
            return answers;
        }

        var receipts = held.Select(h => h.Queued).ToList();
        try
        {
            await queue.AppendAsync(receipts).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            validation.Abandon(receipts);
            queue.Release(receipts.Count);
            foreach (var (index, queued) in held)
            {
                answers[index] = new ReceiptAnswer(ReceiptAnswer.Unavailable, queued.ReceiptId, EmitterReasons.QueueWriteFailed, $"the emitter could not queue the receipt ({ex.Message}); it was not accepted: send it again");
            }

            return answers;
        }

        validation.Confirm(receipts);
        foreach (var (index, queued) in held)
        {
            metrics.Accepted.WithLabels(queued.Receipt.MarketName).Inc();
            answers[index] = new ReceiptAnswer(ReceiptAnswer.Accepted, queued.ReceiptId, null, null);
        }

        return answers;
    }

    private ReceiptAnswer Reject(Rejection rejection, MarketReceipt? receipt, string? id, string? market = null)
    {
        var marketName = receipt?.MarketName ?? market ?? RefusalTally.UnknownMarket;
        metrics.CountRefusal(marketName, rejection.Reason);
        ReceiptRejectionLog.Rejected(
            _log, rejection.Reason, "emitter", marketName, receipt?.ProviderId ?? "-", receipt?.Nonce.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", id ?? "-", rejection.Message);
        return new ReceiptAnswer(ReceiptAnswer.Rejected, id, rejection.Reason, rejection.Message);
    }

    /// <summary>The market an unreadable receipt names, for its log line: a known market's name, else "-".</summary>
    private static string? MarketNamed(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty("market", out var market) && market.ValueKind == JsonValueKind.String
            && ServiceMarkets.TryParse(market.GetString(), out var known)
            ? ServiceMarkets.Name(known.Value)
            : null;
}
