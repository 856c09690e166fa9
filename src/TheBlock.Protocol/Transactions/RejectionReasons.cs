namespace TheBlock.Protocol.Transactions;

/// <summary>
/// Every reason a transaction can be refused, defined once: the same strings fill the RPC error's
/// <c>reason</c>, label metrics and appear in log lines.
/// </summary>
public static class RejectionReasons
{
    public const string InvalidFormat = "invalid_format";
    public const string WrongChain = "wrong_chain";
    public const string BadSignature = "bad_signature";
    public const string NonceReplay = "nonce_replay";
    public const string NonceGap = "nonce_gap";
    public const string InsufficientBalance = "insufficient_balance";
    public const string InvalidAmount = "invalid_amount";
    public const string TooLarge = "tx_too_large";
    public const string Duplicate = "duplicate_transaction";
    public const string MempoolFull = "mempool_full";

    public static IReadOnlyList<string> All { get; } =
        [InvalidFormat, WrongChain, BadSignature, NonceReplay, NonceGap, InsufficientBalance, InvalidAmount, TooLarge, Duplicate, MempoolFull];
}
