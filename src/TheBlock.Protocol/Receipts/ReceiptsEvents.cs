using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>A provider registered in a service market; carries its record.</summary>
public sealed record MarketProviderRegistered(MarketProvider Provider) : ChainEvent
{
    public const string EventName = "market_provider_registered";

    public override string Name => EventName;

    public override string Describe() => $"registered {ServiceMarkets.Name(Provider.Market)} provider {Provider.ProviderId}";

    public override void Write(CanonicalWriter writer) => Provider.Write(writer);

    public static MarketProviderRegistered Read(ref CanonicalReader reader) => new(MarketProvider.Read(ref reader));
}

/// <summary>An agreement was opened, topped up, paid from or closed; carries the new record (one per agreement per transaction).</summary>
public sealed record AgreementChanged(Agreement Agreement) : ChainEvent
{
    public const string EventName = "market_agreement_changed";

    public override string Name => EventName;

    public override string Describe() =>
        $"agreement {Agreement.AgreementId} ({ServiceMarkets.Name(Agreement.Market)}, {Agreement.ProviderId}) is {Agreement.StatusName} with {Agreement.Deposit} CT deposit";

    public override void Write(CanonicalWriter writer) => Agreement.Write(writer);

    public static AgreementChanged Read(ref CanonicalReader reader) => new(Agreement.Read(ref reader));
}

/// <summary>What became of one receipt of a batch when its block applied it: paid (amount and fee), or refused with a reason.</summary>
public readonly record struct ReceiptOutcome(string? Reason, ulong Amount, ulong Fee)
{
    public static ReceiptOutcome Paid(ulong amount, ulong fee) => new(null, amount, fee);

    public static ReceiptOutcome Refused(string reason) => new(reason, 0, 0);

    public bool IsPaid => Reason is null;
}

/// <summary>
/// What a receipt batch did, receipt by receipt in batch order, and the buyer of each agreement it paid from. The
/// signed claims stay in the batch transaction, so a paid receipt is stored once; <see cref="ReceiptsOf"/> joins them.
/// </summary>
public sealed record MarketReceiptsIncluded(IReadOnlyList<ReceiptOutcome> Outcomes, IReadOnlyList<(ulong AgreementId, Address Buyer)> Buyers)
    : ChainEvent, IReceiptEvent
{
    public const string EventName = "market_receipts_included";
    private const byte PaidTag = 0;
    private const byte RefusedTag = 1;

    public override string Name => EventName;

    public int PaidCount => Outcomes.Count(outcome => outcome.IsPaid);

    public override string Describe() => $"paid {PaidCount} of {Outcomes.Count} market receipts";

    public IEnumerable<ServiceReceipt> ReceiptsOf(Transaction? cause)
    {
        if (cause?.Payload is not ReceiptBatchPayload batch || batch.Receipts.Count != Outcomes.Count)
        {
            throw new FormatException($"{EventName} names {Outcomes.Count} receipts but its transaction is not a batch of as many");
        }

        var buyers = Buyers.ToDictionary(pair => pair.AgreementId, pair => pair.Buyer);
        for (var i = 0; i < Outcomes.Count; i++)
        {
            if (Outcomes[i].IsPaid)
            {
                var receipt = batch.Receipts[i];
                yield return receipt.Settled(buyers[receipt.AgreementId], Outcomes[i].Amount, Outcomes[i].Fee);
            }
        }
    }

    public override void Write(CanonicalWriter writer)
    {
        writer.U64((ulong)Outcomes.Count);
        foreach (var outcome in Outcomes)
        {
            if (outcome.Reason is { } reason)
            {
                writer.U8(RefusedTag).Utf8(reason);
            }
            else
            {
                writer.U8(PaidTag).U64(outcome.Amount).U64(outcome.Fee);
            }
        }

        writer.U64((ulong)Buyers.Count);
        foreach (var (agreementId, buyer) in Buyers)
        {
            writer.U64(agreementId).Address(buyer);
        }
    }

    public static MarketReceiptsIncluded Read(ref CanonicalReader reader)
    {
        var count = reader.U64("outcome_count");
        if (count > ReceiptsLimits.MaxBatchReceipts)
        {
            throw new FormatException($"a receipt batch holds at most {ReceiptsLimits.MaxBatchReceipts} receipts, not {count}");
        }

        var outcomes = new List<ReceiptOutcome>((int)count);
        for (var i = 0UL; i < count; i++)
        {
            outcomes.Add(reader.U8("outcome") switch
            {
                PaidTag => ReceiptOutcome.Paid(reader.U64("amount"), reader.U64("fee")),
                RefusedTag => ReceiptOutcome.Refused(reader.Utf8("reason")),
                var tag => throw new FormatException($"receipt outcome tag {tag} is unknown"),
            });
        }

        var buyerCount = reader.U64("buyer_count");
        if (buyerCount > count)
        {
            throw new FormatException($"{buyerCount} buyers for {count} receipts");
        }

        var buyers = new List<(ulong, Address)>((int)buyerCount);
        for (var i = 0UL; i < buyerCount; i++)
        {
            buyers.Add((reader.U64("agreement_id"), reader.Address("buyer")));
        }

        return new MarketReceiptsIncluded(outcomes, buyers);
    }
}
