using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Receipts;

/// <summary>Receipts and market RPC results as a node answers them (the records of TheBlock.Client.Receipts, snake_case).</summary>
internal static class ReceiptsSamples
{
    public const string ReceiptId = "8a1f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";

    public static string PublicKey { get; } = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());

    public static string StorageStats { get; } = """
        {"market":"storage","emitted_total":120,"emitted_last_10_blocks":8,"last_emitted_height":41,"last_emitted_at":1700000040,"pending":2,
         "validation_errors":{"schema_mismatch":1,"duplicate_detection":0,"signature_invalid":0,"agreement_invalid":0,"insufficient_funds":0},
         "active_providers":2,"markets":null}
        """;

    public static string Receipt { get; } = $$"""
        {"receipt_id":"{{ReceiptId}}","market":"storage","provider_id":"storage_dev_001","buyer":"{{TestKeys.FilledAddress(2)}}",
         "agreement_id":1,"credit_id":null,"units":4,"amount":8,"fee":0,"block_height":41,"created_at":1700000039,"nonce":7,
         "fields":{"contract_id":"c-1","bytes":1048576,"duration_seconds":3600} }
        """;

    public static string ReceiptList { get; } = $$"""{"receipts":[{{Receipt}}],"next_cursor":"41:0"}""";

    public static string Validation { get; } = $$"""
        {"from_block":1,"to_block":42,"blocks":42,"receipts":3,"valid":2,
         "invalid":[{"receipt_id":"{{ReceiptId}}","block_height":41,"market":"storage","reason":"signature_invalid","message":"the signature does not verify"}]}
        """;

    public static string Reset { get; } = """
        {"emitters":[{"emitter_id":"emitter-1","url":"http://127.0.0.1:8002","status":"cleared",
          "cleared":{"receipt_ids":12,"provider_nonces":3,"last_checked_height":40},"message":null}]}
        """;

    public static string Providers { get; } = $$"""
        {"providers":[{"market":"storage","provider_id":"storage_dev_001","owner":"{{TestKeys.FilledAddress(1)}}","public_key":"{{PublicKey}}",
          "stake":10000,"registered_height":3,"registered_at":1699999000}]}
        """;

    public static string Agreement(string status = "open", ulong deposit = 50_000, string refunded = "null") => $$"""
        {"agreement_id":7,"market":"storage","provider_id":"storage_dev_001","buyer":"{{TestKeys.FilledAddress(1)}}","unit_price":2,
         "deposit":{{deposit}},"paid":0,"units":0,"receipts":0,"status":"{{status}}","opened_height":43,"opened_at":1700000001,
         "closed_at":{{(status == "closed" ? "1700000005" : "null")}},"refunded":{{refunded}} }
        """;

    /// <summary>The committed <c>tx.status</c> of an agreement transaction, its event carrying <paramref name="agreement"/>.</summary>
    public static string AgreementCommitted(string agreement) => Samples.CommittedWithEvents(
        Samples.Hash, $$"""[{"type":"market_agreement_changed","description":"agreement 7 changed","data":{{agreement}}}]""");
}
