using TheBlock.Client.Receipts;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Server.Node;
using TheBlock.Storage;
using TheBlock.Storage.Receipts;

namespace TheBlock.Server.Receipts;

/// <summary>
/// <c>receipts.validate</c>: re-checks the receipts of committed blocks as rebuilt from the blocks and as the index
/// stores them. For a storage, compute or ad receipt: its schema, its id and provider signature against the registered
/// key, its agreement (market, provider, and the stored amount = units × unit price with the fee the chain charges),
/// and that its agreement's receipts in the range do not add up to more than the agreement ever paid. For every
/// receipt: no two with the same id or (market, provider, nonce), and a stored row that is the block's receipt.
/// Each failure names one of the five receipt reasons.
/// </summary>
public sealed class ReceiptRevalidation(ChainService chain)
{
    /// <summary>The most blocks one call re-checks (a full 10,000-block range reads every one of them).</summary>
    public const ulong MaxBlocks = 10_000;

    public ReceiptValidation Validate(ulong from, ulong to)
    {
        var fees = ReceiptsParameters.Of(chain.Genesis);
        var invalid = new List<InvalidReceipt>();
        var ids = new HashSet<Hash32>();
        var nonces = new HashSet<(string, string, ulong)>();
        var paid = new Dictionary<ulong, ulong>();
        var providers = new Dictionary<(ServiceMarket, string), MarketProvider?>();
        var agreements = new Dictionary<ulong, Agreement?>();
        var total = 0UL;
        var failed = 0UL;
        for (var height = from; height <= to; height++)
        {
            var stored = chain.ReadStore(reader => reader.GetBlock(height));
            if (stored is null)
            {
                continue;
            }

            var events = chain.ReadStore(reader => reader.ReadEvents(height));
            var blockRows = chain.ReadStore(reader => reader.ReceiptRowsInBlocks(height, height));
            var byOrdinal = blockRows.GroupBy(r => r.Ordinal).ToDictionary(g => g.Key, g => g.First());
            var receipts = BlockReceipts.Of(stored.Block, events).ToList();
            var signed = BatchReceiptsById(stored.Block);
            var verified = VerifyInParallel(signed, providers);
            for (var ordinal = 0; ordinal < receipts.Count; ordinal++)
            {
                total++;
                var (receipt, _) = receipts[ordinal];
                var id = receipt.ReceiptId;
                var row = byOrdinal.GetValueOrDefault(ordinal);
                if (Problem(receipt, id, row, signed, verified, ids, nonces, paid, providers, agreements, fees) is { } problem)
                {
                    failed++;
                    invalid.Add(new InvalidReceipt(id.ToString(), height, receipt.Market, problem.Reason, problem.Message));
                }
            }

            foreach (var extra in blockRows.Where(r => r.Ordinal >= receipts.Count))
            {
                invalid.Add(new InvalidReceipt($"{extra.IdKey:x16}", height, extra.Market, ReceiptReasons.SchemaMismatch,
                    $"the index stores a receipt at position {extra.Ordinal} of block {height}, which holds only {receipts.Count}"));
            }
        }

        return new ReceiptValidation(from, to, to - from + 1, total, total - failed, invalid);
    }

    private Protocol.Transactions.Rejection? Problem(
        ServiceReceipt receipt,
        Hash32 id,
        ReceiptRow? row,
        Dictionary<Hash32, MarketReceipt> signed,
        Dictionary<Hash32, bool> verified,
        HashSet<Hash32> ids,
        HashSet<(string, string, ulong)> nonces,
        Dictionary<ulong, ulong> paid,
        Dictionary<(ServiceMarket, string), MarketProvider?> providers,
        Dictionary<ulong, Agreement?> agreements,
        ReceiptsParameters fees)
    {
        if (!ids.Add(id))
        {
            return new(ReceiptReasons.DuplicateDetection, $"receipt {id} appears twice");
        }

        if (!nonces.Add((receipt.Market, receipt.ProviderId, receipt.Nonce)))
        {
            return new(ReceiptReasons.DuplicateDetection, $"nonce {receipt.Nonce} of {receipt.Market} provider {receipt.ProviderId} is used by two receipts");
        }

        if (row is null || !IsKeyOf(row.IdKey, id))
        {
            return new(ReceiptReasons.SignatureInvalid, $"the index does not store receipt {id} at its place in the block (it stores {(row is null ? "nothing" : $"key {row.IdKey:x16}")})");
        }

        if (receipt.Units == 0 || row.Units != receipt.Units || row.Reference != receipt.AgreementId || row.CreatedAt != receipt.CreatedAt || row.ProviderId != receipt.ProviderId || row.Market != receipt.Market)
        {
            return new(ReceiptReasons.SchemaMismatch, $"the stored receipt's market, provider, units, {receipt.ReferenceName} or created_at is not what its block holds");
        }

        if (!ServiceMarkets.TryParse(receipt.Market, out var market))
        {
            return row.Amount != receipt.Amount || row.Fee != receipt.Fee
                ? new(ReceiptReasons.AgreementInvalid, $"the stored amount {row.Amount} CT and fee {row.Fee} CT are not the {receipt.Amount} CT and {receipt.Fee} CT its block paid")
                : null;
        }

        if (!signed.TryGetValue(id, out var claim))
        {
            return new(ReceiptReasons.SignatureInvalid, $"no signed receipt of its batch has id {id}");
        }

        if (ReceiptCheck.Schema(claim) is { } schema)
        {
            return schema;
        }

        var provider = providers.GetValueOrDefault((market!.Value, receipt.ProviderId));
        if (ReceiptCheck.Signature(claim, provider, verified.TryGetValue(id, out var ok) ? ok : null) is { } signature)
        {
            return signature;
        }

        if (!agreements.TryGetValue(receipt.AgreementId, out var agreement))
        {
            agreement = agreements[receipt.AgreementId] = chain.Read(state => state.GetAgreement(receipt.AgreementId));
        }

        if (agreement is null || agreement.Market != market || agreement.ProviderId != receipt.ProviderId)
        {
            return new(ReceiptReasons.AgreementInvalid, agreement is null
                ? $"agreement {receipt.AgreementId} does not exist"
                : $"agreement {receipt.AgreementId} is with {ServiceMarkets.Name(agreement.Market)} provider {agreement.ProviderId}");
        }

        var due = (UInt128)receipt.Units * agreement.UnitPrice;
        if (row.Amount != due || receipt.Amount != due)
        {
            return new(ReceiptReasons.AgreementInvalid,
                $"the amount is {row.Amount} CT but {receipt.Units} units at agreement {agreement.AgreementId}'s unit price {agreement.UnitPrice} CT cost {due} CT");
        }

        if (row.Fee != fees.FeeOn(row.Amount) || receipt.Fee != row.Fee)
        {
            return new(ReceiptReasons.AgreementInvalid, $"the fee is {row.Fee} CT but {fees.FeeBps} basis points of {row.Amount} CT are {fees.FeeOn(row.Amount)} CT");
        }

        var sum = paid[agreement.AgreementId] = paid.GetValueOrDefault(agreement.AgreementId) + row.Amount;
        return sum > agreement.Paid
            ? new(ReceiptReasons.InsufficientFunds, $"agreement {agreement.AgreementId}'s receipts add up to {sum} CT, more than the {agreement.Paid} CT it ever paid")
            : null;
    }

    /// <summary>Whether <paramref name="stored"/> is the id's key, or one the writer moved on to from a colliding key.</summary>
    private static bool IsKeyOf(long stored, Hash32 id)
    {
        var key = ReceiptKey.Of(id);
        for (var probe = 0; probe < ReceiptKey.MaxProbes; probe++, key = ReceiptKey.Next(key))
        {
            if (key == stored)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each batch receipt's signature checked against its provider's key, all at once (looking up providers first, once each).</summary>
    private Dictionary<Hash32, bool> VerifyInParallel(Dictionary<Hash32, MarketReceipt> signed, Dictionary<(ServiceMarket, string), MarketProvider?> providers)
    {
        var claims = signed.Values.Where(r => r.Market is not null).ToList();
        foreach (var key in claims.Select(r => (r.Market!.Value, r.ProviderId)).Distinct().Where(key => !providers.ContainsKey(key)).ToList())
        {
            providers[key] = chain.Read(state => state.GetMarketProvider(key.Value, key.ProviderId));
        }

        var results = new bool[claims.Count];
        Parallel.For(0, claims.Count, i =>
        {
            var claim = claims[i];
            results[i] = providers[(claim.Market!.Value, claim.ProviderId)] is { } provider && claim.VerifySignature(provider.PublicKey);
        });
        return claims.Select((claim, i) => (claim.ReceiptId, results[i])).ToDictionary(pair => pair.ReceiptId, pair => pair.Item2);
    }

    private static Dictionary<Hash32, MarketReceipt> BatchReceiptsById(Block block)
    {
        var byId = new Dictionary<Hash32, MarketReceipt>();
        foreach (var transaction in block.Transactions)
        {
            if (transaction.Payload is ReceiptBatchPayload batch)
            {
                foreach (var receipt in batch.Receipts)
                {
                    byId.TryAdd(receipt.ReceiptId, receipt);
                }
            }
        }

        return byId;
    }
}
