namespace TheBlock.Cli.Tests.Support;

/// <summary>Canned results shaped like the node's, for the fake server.</summary>
internal static class Samples
{
    public const string ChainId = "cli-test-chain";

    public const string NodeStatus = $$"""
        {"node_id":"node-1","chain_id":"{{ChainId}}","version":"0.1.0","current_block_height":42,"current_epoch":4,
         "epoch_length":10,"last_block_at":1700000000,"last_block_hash":"{{Hash}}","state_root":"{{Hash}}",
         "roles":["node"],"genesis_hash":"{{Hash}}","block_interval_ms":1000,"mempool_transactions":0}
        """;

    public const string Hash = "3f0c2a9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a";

    public static string Ledger(string account, ulong nextNonce) => $$"""
        {"account":"{{account}}","balance":1000,"nonce":{{nextNonce}},"next_nonce":{{nextNonce}},"escrow":null,
         "sub_ledgers":null,"recent_entries":[{"height":3,"delta":1000,"kind":"genesis","reference":null,"sub_ledger":null}]}
        """;

    public static string TxStatus(string hash, string status, string? reason = null, string? message = null) => $$"""
        {"tx_hash":"{{hash}}","status":"{{status}}","block_height":{{(status == "committed" ? "43" : "null")}},
         "index":{{(status == "committed" ? "0" : "null")}},"committed_at":{{(status == "committed" ? "1700000001" : "null")}},
         "reason":{{Quote(reason)}},"message":{{Quote(message)}},"transaction":null}
        """;

    /// <summary>A committed status whose result carries <paramref name="eventsJson"/> (a JSON array).</summary>
    public static string CommittedWithEvents(string hash, string eventsJson) => $$"""
        {"tx_hash":"{{hash}}","status":"committed","block_height":43,"index":0,"committed_at":1700000001,
         "reason":null,"message":null,"transaction":null,"events":{{eventsJson}}}
        """;

    private static string Quote(string? text) => text is null ? "null" : $"\"{text}\"";
}
