using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Cli;

/// <summary>
/// Checks the CLI can make before anything is sent, so a typo is a usage error naming what is wrong and the
/// server never sees it.
/// </summary>
internal static class ArgumentRules
{
    public static Address Address(string text) =>
        Protocol.Primitives.Address.TryParse(text, out var address, out var error)
            ? address
            : throw new CliException(CliErrors.Usage(CoreReasonRegistry.InvalidAddress, error));

    /// <summary>A "ct1…" address or a system account name of the standard chain, returned as given.</summary>
    public static string Account(string text)
    {
        var error = string.Empty;
        if (StandardChain.Modules.IsSystemAccount(text) || Protocol.Primitives.Address.TryParse(text, out _, out error))
        {
            return text;
        }

        var hint = text.StartsWith(Protocol.Primitives.Address.HumanReadablePart + "1", StringComparison.Ordinal)
            ? string.Empty
            : $"; expected a ct1… address or a system account ({string.Join(", ", StandardChain.Modules.SystemAccounts)})";
        throw new CliException(CliErrors.Usage(CoreReasonRegistry.InvalidAddress, error + hint));
    }

    /// <summary>A transaction hash: 64 hex characters, returned in lowercase as the node prints them.</summary>
    public static string TransactionHash(string text) =>
        Hash32.TryParse(text, out var hash)
            ? hash.ToString()
            : throw new CliException(CliErrors.Usage(CoreReasonRegistry.InvalidHash, $"hash \"{text}\" is not a transaction hash; expected {Hash32.Size * 2} hex characters"));

    public static ulong Amount(string text) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount >= 1
            ? amount
            : throw new CliException(CliErrors.Usage(RejectionReasons.InvalidAmount, $"amount \"{text}\" is not a whole number of CT of at least 1"));
}
