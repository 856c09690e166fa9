using TheBlock.Protocol.Transactions;

namespace TheBlock.Client.Core;

/// <summary>
/// Every reason code of the core, defined once: the JSON-RPC layer's own, the node's read methods', the
/// transaction rejections of <see cref="RejectionReasons"/> (defined beside their rules in the protocol), and
/// contract-cli's own for the core commands. The same
/// word is the RPC error's <c>data.reason</c>, the metric label, the log field and contract-cli's error reason;
/// docs/RPC_ERRORS.md lists exactly <see cref="All"/>, which a test checks.
/// </summary>
public static class CoreReasonRegistry
{
    public const string ParseError = "parse_error";
    public const string InvalidRequest = "invalid_request";
    public const string MethodNotFound = "method_not_found";
    public const string InvalidParams = "invalid_params";
    public const string InternalError = "internal_error";
    public const string Unauthorized = "unauthorized";
    public const string RateLimited = "rate_limited";
    public const string RequestTooLarge = "request_too_large";
    public const string BatchTooLarge = "batch_too_large";
    public const string ResponseTooLarge = "response_too_large";
    public const string Busy = "busy";

    /// <summary><c>node.ledger.inspect</c>'s account is neither an address nor a system account.</summary>
    public const string InvalidAddress = "invalid_address";

    /// <summary>A transaction hash param is not 64 hex characters.</summary>
    public const string InvalidHash = "invalid_hash";

    public const string BlockNotFound = "block_not_found";

    /// <summary>
    /// The reasons contract-cli reports on its own, not relayed from the node (exit 2 for usage, 1 for what it saw in
    /// an answer, 3 when the node cannot be reached); it also reports <see cref="InvalidAddress"/>,
    /// <see cref="InvalidHash"/>, <see cref="RejectionReasons.InvalidAmount"/> and <see cref="InternalError"/>.
    /// </summary>
    public static class Cli
    {
        public const string Usage = "usage";
        public const string InvalidUrl = "invalid_url";
        public const string FileExists = "file_exists";
        public const string KeyUnavailable = "key_unavailable";
        public const string KeyWriteFailed = "key_write_failed";
        public const string Timeout = "timeout";
        public const string Rejected = "rejected";
        public const string UnexpectedResponse = "unexpected_response";
        public const string Unreachable = "unreachable";

        /// <summary><c>dev drill</c> against a chain whose <c>chain_id</c> is not the devnet's.</summary>
        public const string NotADevnet = "not_a_devnet";

        /// <summary><c>dev drill</c> with a scenario it does not know.</summary>
        public const string UnknownDrill = "unknown_drill";

        public static IReadOnlyList<string> All { get; } =
            [Usage, InvalidUrl, FileExists, KeyUnavailable, KeyWriteFailed, Timeout, Rejected, UnexpectedResponse, Unreachable, NotADevnet, UnknownDrill];
    }

    /// <summary>The JSON-RPC layer's reasons, which every method may answer.</summary>
    public static IReadOnlyList<string> Rpc { get; } =
        [ParseError, InvalidRequest, MethodNotFound, InvalidParams, InternalError, Unauthorized, RateLimited, RequestTooLarge, BatchTooLarge, ResponseTooLarge, Busy];

    public static IReadOnlyList<string> All { get; } =
        [.. Rpc, InvalidAddress, InvalidHash, BlockNotFound, .. RejectionReasons.All, .. Cli.All];
}
