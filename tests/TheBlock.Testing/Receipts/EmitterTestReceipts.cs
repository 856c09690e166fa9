using TheBlock.Client.Receipts;
using TheBlock.Client.Receipts.Emitter;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Testing.Receipts;

/// <summary>
/// One storage provider with one open agreement, as a node's <c>receipts.emitter.sync</c> would describe them, and its
/// signed receipts: what emitter tests submit.
/// </summary>
public static class EmitterTestReceipts
{
    public const string ProviderId = "storage-prov-1";
    public const ulong AgreementId = 1;
    public const ulong UnitPrice = 10;
    public const ulong Deposit = 1_000_000;

    public static SigningKey ProviderKey { get; } = TestKeys.KeyFor("receipts/emitter/provider");

    public static SigningKey StrangerKey { get; } = TestKeys.KeyFor("receipts/emitter/stranger");

    public static EmitterSyncResult Sync(ulong height = 10, ulong deposit = Deposit) => new(
        height,
        [new EmitterProviderKey("storage", ProviderId, Convert.ToBase64String(ProviderKey.PublicKey))],
        [new EmitterAgreement(AgreementId, "storage", ProviderId, UnitPrice, deposit)]);

    public static MarketReceipt Storage(ulong nonce, ulong units = 1, ulong agreementId = AgreementId, SigningKey? key = null) =>
        new MarketReceipt(
            ServiceMarket.Storage, ProviderId, agreementId, units, nonce, 1_700_000_000 + nonce,
            [ReceiptField.Of("contract_id", $"c-{nonce}"), ReceiptField.Of("bytes", 1_048_576UL), ReceiptField.Of("duration_seconds", 3_600UL)],
            ReadOnlyMemory<byte>.Empty).SignedWith(key ?? ProviderKey);

    public static string Json(MarketReceipt receipt) => ReceiptDocument.ToJson(receipt);
}
