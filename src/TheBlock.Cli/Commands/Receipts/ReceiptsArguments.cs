using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Client.Receipts;
using TheBlock.Protocol;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli.Commands.Receipts;

/// <summary>The receipts and market commands' argument checks, made before anything is signed or sent.</summary>
internal static class ReceiptsArguments
{
    public const int MaxLimit = CoreRpc.MaxListLimit;
    public const string AllMarkets = "all";

    /// <summary>Every market with receipts (energy included), as <c>receipts stats</c> and <c>receipts list</c> name them.</summary>
    public static IReadOnlyList<string> ReceiptMarkets => StandardChain.Modules.ReceiptMarkets;

    /// <summary>A market with agreements and providers of its own (storage, compute, ad), for a market transaction.</summary>
    public static ServiceMarket ServiceMarket(string text) =>
        ServiceMarkets.TryParse(text, out var market)
            ? market.Value
            : throw new CliException(CliErrors.Usage(ReceiptReasons.InvalidMarketRequest, ServiceMarketProblem(text)));

    /// <summary>The same check for a query's filter: the name as given, with the query's reason.</summary>
    public static string ServiceMarketFilter(string text) =>
        ServiceMarkets.TryParse(text, out _) ? text : throw new CliException(CliErrors.Usage(ReceiptsCliReasons.InvalidMarket, ServiceMarketProblem(text)));

    /// <summary>A market with receipts, or <c>all</c> when <paramref name="allowAll"/>.</summary>
    public static string ReceiptMarket(string text, bool allowAll)
    {
        if (ReceiptMarkets.Contains(text) || (allowAll && text == AllMarkets))
        {
            return text;
        }

        var expected = allowAll ? ReceiptMarkets.Append(AllMarkets) : ReceiptMarkets;
        throw new CliException(CliErrors.Usage(ReceiptsCliReasons.InvalidMarket, $"market \"{text}\" is unknown; expected one of {string.Join(", ", expected)}"));
    }

    public static int Limit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new CliException(CliErrors.Usage(ReceiptsCliReasons.InvalidLimit, $"limit \"{text}\" is not a whole number from 1 to {MaxLimit}"));

    /// <summary>
    /// A block height. The runbook computes <c>--from-block</c> as the head minus 100, which is negative on a young
    /// chain and empty arithmetic when the node did not answer, so those cases say what went wrong.
    /// </summary>
    public static ulong BlockHeight(string option, string text)
    {
        if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var height))
        {
            return height;
        }

        var why = long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var negative) && negative < 0
            ? $"{option} {text} is below 0 (the chain has fewer blocks than were subtracted from its height); pass {option} 0 to start at genesis"
            : $"{option} \"{text}\" is not a block height; expected a whole number from 0";
        throw new CliException(CliErrors.Usage(ReceiptsCliReasons.InvalidBlockRange, why));
    }

    /// <summary>A receipt id: 64 hex characters, returned in lowercase as the node prints them.</summary>
    public static string ReceiptId(string text) =>
        Hash32.TryParse(text, out var id)
            ? id.ToString()
            : throw new CliException(CliErrors.Usage(CoreReasonRegistry.InvalidHash, $"receipt id \"{text}\" is not a receipt id; expected {Hash32.Size * 2} hex characters"));

    /// <summary>A base64 Ed25519 public key (32 bytes), the key a provider's receipts are signed with.</summary>
    public static byte[] PublicKey(string text)
    {
        var bytes = new byte[((text.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != Ed25519.PublicKeySize)
        {
            throw new CliException(CliErrors.Usage(
                ReceiptReasons.InvalidMarketRequest,
                $"public key \"{text}\" is not a base64 Ed25519 public key; expected {Ed25519.PublicKeySize} bytes in standard base64 (44 characters)"));
        }

        return bytes[..written];
    }

    /// <summary>Refuses a payload the chain would refuse without looking at its state, with the chain's own reason and sentence.</summary>
    public static T Checked<T>(T payload)
        where T : TransactionPayload =>
        payload.CheckStateless() is { } rejection ? throw new CliException(CliErrors.Usage(rejection.Reason, rejection.Message)) : payload;

    private static string ServiceMarketProblem(string text)
    {
        var hint = text == "energy" ? "; energy providers register with `contract-cli energy provider register`" : string.Empty;
        return $"market \"{text}\" is not a service market; expected one of {string.Join(", ", ServiceMarkets.Names)}{hint}";
    }
}
