using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Encoding;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Testing.Receipts;

/// <summary>
/// The service markets' actors and receipts for tests: providers sign with <see cref="ProviderKey"/> (or any key given),
/// each market's receipt carries fields of its schema, and <see cref="Wire"/> gives the base64 wire bytes an emitter
/// sends to <c>receipts.batch.submit</c>.
/// </summary>
public static class ReceiptsScenario
{
    /// <summary>CT a provider stakes at registration: the module's default minimum.</summary>
    public const ulong Stake = 1_000;

    /// <summary>The module's default fee, in basis points.</summary>
    public const ulong FeeBps = 250;

    public static SigningKey ProviderKey { get; } = TestKeys.KeyFor("receipts/provider");

    public static SigningKey OtherKey { get; } = TestKeys.KeyFor("receipts/not-the-provider");

    public static MarketProviderRegisterPayload Register(ServiceMarket market, string providerId, SigningKey? key = null) =>
        new(market, providerId, (key ?? ProviderKey).PublicKey, Stake);

    public static AgreementOpenPayload Open(ServiceMarket market, string providerId, ulong unitPrice, ulong deposit) => new(market, providerId, unitPrice, deposit);

    /// <summary>A receipt of <paramref name="market"/> with fields of its schema, signed with <paramref name="key"/> (the provider key by default).</summary>
    public static MarketReceipt Receipt(
        ServiceMarket market, string providerId, ulong agreementId, ulong units, ulong nonce, ulong createdAt = 1_700_000_000, SigningKey? key = null) =>
        new MarketReceipt(market, providerId, agreementId, units, nonce, createdAt, FieldsOf(market, nonce), default).SignedWith(key ?? ProviderKey);

    public static IReadOnlyList<ReceiptField> FieldsOf(ServiceMarket market, ulong nonce) => market switch
    {
        ServiceMarket.Storage => [ReceiptField.Of("contract_id", $"contract-{nonce}"), ReceiptField.Of("bytes", 1_048_576), ReceiptField.Of("duration_seconds", 3_600)],
        ServiceMarket.Compute => [ReceiptField.Of("job_id", $"job-{nonce}"), ReceiptField.Of("compute_units", 12)],
        ServiceMarket.Ad => [ReceiptField.Of("campaign_id", $"campaign-{nonce}"), ReceiptField.Of("impressions", 1_000), ReceiptField.Of("clicks", 7)],
        _ => throw new ArgumentOutOfRangeException(nameof(market), market, "unknown market"),
    };

    /// <summary>The receipt's canonical wire bytes, base64: what <c>receipts.batch.submit</c> takes.</summary>
    public static string Wire(MarketReceipt receipt)
    {
        var writer = new CanonicalWriter();
        receipt.Write(writer);
        return Convert.ToBase64String(writer.ToArray());
    }

    /// <summary>The fee the chain charges on <paramref name="amount"/> at the default rate.</summary>
    public static ulong FeeOn(ulong amount) => amount * FeeBps / 10_000;
}
