using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// What each service-market transaction does (spec/receipts.md). Each rule checks everything before it changes anything
/// and returns the reason it refuses; a receipt batch applies receipt by receipt, recording each refusal in its event.
/// </summary>
public static class ReceiptsTransactions
{
    public static Rejection? Register(StateOverlay overlay, Transaction transaction, MarketProviderRegisterPayload payload, string reference)
    {
        var parameters = ReceiptsParameters.Of(overlay.Genesis);
        if (overlay.GetMarketProvider(payload.Market, payload.ProviderId) is not null)
        {
            return new Rejection(ReceiptReasons.MarketProviderExists, $"{ServiceMarkets.Name(payload.Market)} provider {payload.ProviderId} is already registered");
        }

        if (payload.Stake < parameters.MinStake)
        {
            return new Rejection(ReceiptReasons.MarketStakeBelowMinimum, $"stake {payload.Stake} CT is below the minimum {parameters.MinStake} CT");
        }

        overlay.LockMarketStake(transaction.Sender, payload.Stake, reference);
        overlay.PutMarketProvider(new MarketProvider
        {
            Market = payload.Market,
            ProviderId = payload.ProviderId,
            Owner = transaction.Sender,
            PublicKey = payload.PublicKey.ToArray(),
            Stake = payload.Stake,
            RegisteredHeight = overlay.Height,
            RegisteredAt = overlay.UnixSeconds,
        });
        return null;
    }

    public static Rejection? Open(StateOverlay overlay, Transaction transaction, AgreementOpenPayload payload, string reference)
    {
        if (overlay.GetMarketProvider(payload.Market, payload.ProviderId) is null)
        {
            return new Rejection(ReceiptReasons.MarketProviderNotFound, $"no {ServiceMarkets.Name(payload.Market)} provider {payload.ProviderId} is registered");
        }

        overlay.DepositToAgreement(transaction.Sender, payload.Deposit, reference);
        overlay.PutAgreement(new Agreement
        {
            AgreementId = overlay.TakeAgreementId(),
            Market = payload.Market,
            ProviderId = payload.ProviderId,
            Buyer = transaction.Sender,
            UnitPrice = payload.UnitPrice,
            Deposit = payload.Deposit,
            Paid = 0,
            Units = 0,
            Receipts = 0,
            Status = AgreementStatus.Open,
            OpenedHeight = overlay.Height,
            OpenedAt = overlay.UnixSeconds,
        });
        return null;
    }

    public static Rejection? TopUp(StateOverlay overlay, Transaction transaction, AgreementTopUpPayload payload, string reference)
    {
        if (OpenAgreement(overlay, payload.AgreementId, out var agreement) is { } refused)
        {
            return refused;
        }

        if (agreement.Buyer != transaction.Sender)
        {
            return new Rejection(ReceiptReasons.NotAgreementParty, $"only agreement {payload.AgreementId}'s buyer {agreement.Buyer} can top it up");
        }

        overlay.DepositToAgreement(transaction.Sender, payload.Amount, reference);
        overlay.PutAgreement(agreement with { Deposit = checked(agreement.Deposit + payload.Amount) });
        return null;
    }

    public static Rejection? Close(StateOverlay overlay, Transaction transaction, AgreementClosePayload payload, string reference)
    {
        if (OpenAgreement(overlay, payload.AgreementId, out var agreement) is { } refused)
        {
            return refused;
        }

        var owner = overlay.GetMarketProvider(agreement.Market, agreement.ProviderId)?.Owner;
        if (agreement.Buyer != transaction.Sender && owner != transaction.Sender)
        {
            return new Rejection(ReceiptReasons.NotAgreementParty, $"only agreement {payload.AgreementId}'s buyer or its provider's owner can close it");
        }

        overlay.RefundAgreement(agreement.Buyer, agreement.Deposit, reference);
        overlay.PutAgreement(agreement with { Status = AgreementStatus.Closed, Deposit = 0, Refunded = agreement.Deposit, ClosedAt = overlay.UnixSeconds });
        return null;
    }

    /// <summary>
    /// Every signature of the batch checked ahead, in parallel: a 200-receipt batch is most of a block's verification, and
    /// checking it one by one keeps the block (and the chain lock) on one core. The result is the same either way; a
    /// receipt whose provider is unknown or whose signature has the wrong length is left to the sequential checks.
    /// No transaction of the batch changes a provider's key, so the keys read here are the ones the checks see. A proposer
    /// skips the receipts it verified when it admitted them (<see cref="StateOverlay.VerifiedSignatures"/>).
    /// </summary>
    private static bool?[] VerifyAll(StateOverlay overlay, IReadOnlyList<MarketReceipt> receipts, Dictionary<(ServiceMarket, string), MarketProvider?> providers)
    {
        var keys = new MarketProvider?[receipts.Count];
        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i].Market is { } market)
            {
                var key = (market, receipts[i].ProviderId);
                if (!providers.TryGetValue(key, out var provider))
                {
                    provider = overlay.GetMarketProvider(market, receipts[i].ProviderId);
                    providers[key] = provider;
                }

                keys[i] = provider;
            }
        }

        var verified = new bool?[receipts.Count];
        Parallel.For(0, receipts.Count, i =>
        {
            if (keys[i] is { } provider && receipts[i].Signature.Length == Crypto.Ed25519.SignatureSize)
            {
                verified[i] = receipts[i].VerifySignature(provider.PublicKey, overlay.VerifiedSignatures);
            }
        });
        return verified;
    }

    /// <summary>
    /// Checks each receipt against the state as this block has it and pays the ones that pass from their agreements:
    /// a refused receipt changes nothing and is recorded with its reason, the rest of the batch still applies.
    /// </summary>
    public static Rejection? Batch(StateOverlay overlay, Transaction transaction, ReceiptBatchPayload payload, string reference)
    {
        var parameters = ReceiptsParameters.Of(overlay.Genesis);
        var outcomes = new List<ReceiptOutcome>(payload.Receipts.Count);
        var agreements = new Dictionary<ulong, Agreement>();
        var windows = new Dictionary<(ServiceMarket, string), NonceWindow>();
        var providers = new Dictionary<(ServiceMarket, string), MarketProvider?>();
        var owners = new Dictionary<Address, ulong>();
        var total = 0UL;
        var fees = 0UL;
        var verified = VerifyAll(overlay, payload.Receipts, providers);
        for (var index = 0; index < payload.Receipts.Count; index++)
        {
            var receipt = payload.Receipts[index];
            MarketProvider? provider = null;
            var window = NonceWindow.Empty;
            Agreement? agreement = null;
            if (receipt.Market is { } market)
            {
                var key = (market, receipt.ProviderId);
                if (!providers.TryGetValue(key, out provider))
                {
                    provider = overlay.GetMarketProvider(market, receipt.ProviderId);
                    providers[key] = provider;
                }

                window = windows.TryGetValue(key, out var changed) ? changed : overlay.NonceWindowOf(market, receipt.ProviderId);
                agreement = agreements.TryGetValue(receipt.AgreementId, out var paid) ? paid : overlay.GetAgreement(receipt.AgreementId);
            }

            if (ReceiptCheck.Check(receipt, provider, window, pendingElsewhere: false, agreement, reserved: 0, out var amount, verified[index]) is { } refused)
            {
                outcomes.Add(ReceiptOutcome.Refused(refused.Reason));
                continue;
            }

            var fee = parameters.FeeOn(amount);
            windows[(receipt.Market!.Value, receipt.ProviderId)] = window.With(receipt.Nonce);
            agreements[receipt.AgreementId] = agreement! with
            {
                Deposit = agreement.Deposit - amount,
                Paid = agreement.Paid + amount,
                Units = agreement.Units + receipt.Units,
                Receipts = agreement.Receipts + 1,
            };
            owners[provider!.Owner] = owners.GetValueOrDefault(provider.Owner) + (amount - fee);
            total += amount;
            fees += fee;
            outcomes.Add(ReceiptOutcome.Paid(amount, fee));
        }

        foreach (var ((market, providerId), window) in windows)
        {
            overlay.PutNonceWindow(market, providerId, window);
        }

        overlay.PayReceipts(total, owners, fees, reference);
        foreach (var agreement in agreements.Values.OrderBy(a => a.AgreementId))
        {
            overlay.PutAgreement(agreement);
        }

        overlay.Emit(new MarketReceiptsIncluded(outcomes, [.. agreements.Values.OrderBy(a => a.AgreementId).Select(a => (a.AgreementId, a.Buyer))]));
        return null;
    }

    private static Rejection? OpenAgreement(IStateReader state, ulong id, out Agreement agreement)
    {
        agreement = state.GetAgreement(id)!;
        if (agreement is null)
        {
            return new Rejection(ReceiptReasons.AgreementNotFound, $"agreement {id} does not exist");
        }

        return agreement.Status == AgreementStatus.Open ? null : new Rejection(ReceiptReasons.AgreementClosed, $"agreement {id} is already closed");
    }
}
