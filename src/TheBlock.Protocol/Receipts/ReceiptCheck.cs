using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Receipts;

/// <summary>
/// The receipt checks in the spec's order (schema, duplicate, signature, agreement, funds), run alike by the
/// receipt-emitter at ingestion, the node at admission and every block at inclusion, each against what it knows: the
/// caller looks the provider, its nonce window and the agreement up, and says what it has already promised from the
/// agreement (<c>reserved</c>) and whether it holds the nonce pending elsewhere.
/// </summary>
public static class ReceiptCheck
{
    public static Rejection? Schema(MarketReceipt receipt) =>
        receipt.SchemaProblem() is { } problem ? new Rejection(ReceiptReasons.SchemaMismatch, problem) : null;

    public static Rejection? Duplicate(MarketReceipt receipt, NonceWindow window, bool pendingElsewhere)
    {
        if (window.Contains(receipt.Nonce))
        {
            return new Rejection(ReceiptReasons.DuplicateDetection, window.DuplicateMessage(receipt.ProviderId, receipt.Nonce));
        }

        return pendingElsewhere
            ? new Rejection(ReceiptReasons.DuplicateDetection, $"nonce {receipt.Nonce} of {receipt.ProviderId} is already waiting to be included")
            : null;
    }

    /// <param name="verified">the signature's check done ahead (e.g. in parallel), or null to check it here.</param>
    public static Rejection? Signature(MarketReceipt receipt, MarketProvider? provider, bool? verified = null)
    {
        if (provider is null)
        {
            return new Rejection(ReceiptReasons.SignatureInvalid, $"no key is registered for {receipt.MarketName} provider {receipt.ProviderId}");
        }

        if (receipt.Signature.Length != Crypto.Ed25519.SignatureSize)
        {
            return new Rejection(ReceiptReasons.SignatureInvalid, $"the signature must be {Crypto.Ed25519.SignatureSize} bytes (base64), not {receipt.Signature.Length}");
        }

        return verified ?? receipt.VerifySignature(provider.PublicKey)
            ? null
            : new Rejection(ReceiptReasons.SignatureInvalid, $"the signature does not verify with {receipt.ProviderId}'s registered key");
    }

    /// <summary>The agreement's checks; <paramref name="amount"/> is what the receipt pays when they pass.</summary>
    public static Rejection? Funding(MarketReceipt receipt, Agreement? agreement, ulong reserved, out ulong amount)
    {
        amount = 0;
        if (agreement is null)
        {
            return new Rejection(ReceiptReasons.AgreementInvalid, $"agreement {receipt.AgreementId} does not exist");
        }

        if (agreement.Status != AgreementStatus.Open)
        {
            return new Rejection(ReceiptReasons.AgreementInvalid, $"agreement {receipt.AgreementId} is closed");
        }

        if (agreement.Market != receipt.Market || agreement.ProviderId != receipt.ProviderId)
        {
            return new Rejection(ReceiptReasons.AgreementInvalid,
                $"agreement {receipt.AgreementId} is with {ServiceMarkets.Name(agreement.Market)} provider {agreement.ProviderId}, not {receipt.MarketName} provider {receipt.ProviderId}");
        }

        var due = (UInt128)receipt.Units * agreement.UnitPrice;
        var available = agreement.Deposit - Math.Min(reserved, agreement.Deposit);
        if (due > LedgerLimits.MaxSupply || due > available)
        {
            return new Rejection(ReceiptReasons.InsufficientFunds,
                $"{receipt.Units} units at {agreement.UnitPrice} CT cost {due} CT but agreement {receipt.AgreementId} has {available} CT left");
        }

        amount = (ulong)due;
        return null;
    }

    /// <summary>Every check in order; the first that fails is the answer.</summary>
    public static Rejection? Check(
        MarketReceipt receipt, MarketProvider? provider, NonceWindow window, bool pendingElsewhere, Agreement? agreement, ulong reserved, out ulong amount, bool? verified = null)
    {
        amount = 0;
        return Schema(receipt)
            ?? Duplicate(receipt, window, pendingElsewhere)
            ?? Signature(receipt, provider, verified)
            ?? Funding(receipt, agreement, reserved, out amount);
    }
}
