using System.Globalization;
using TheBlock.Client.Core;
using TheBlock.Client.Treasury;
using TheBlock.Protocol;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;

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

    /// <summary>The most items one list call may return (spec/conventions.md).</summary>
    public const int MaxLimit = 1000;

    /// <summary>A disbursement state name, as the node filters on it.</summary>
    public static string DisbursementState(string text) =>
        DisbursementStates.TryParse(text, out var state)
            ? DisbursementStates.Name(state)
            : throw new CliException(CliErrors.Usage(
                TreasuryReasonRegistry.Cli.InvalidStatus,
                $"status \"{text}\" is not a disbursement state; expected one of {string.Join(", ", DisbursementStates.All.Select(DisbursementStates.Name))}"));

    /// <summary>A list page size: 1 to <see cref="MaxLimit"/>.</summary>
    public static int Limit(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
            ? limit
            : throw new CliException(CliErrors.Usage(TreasuryReasonRegistry.Cli.InvalidLimit, $"limit \"{text}\" is not a whole number from 1 to {MaxLimit}"));

    public static VoteChoice VoteChoice(string text) =>
        VoteChoices.TryParse(text, out var choice)
            ? choice
            : throw new CliException(CliErrors.Usage(TreasuryReasons.InvalidChoice, $"choice \"{text}\" is not a vote; expected yes, no or abstain"));

    /// <summary>A rollback's reason: recorded on chain and shown in the disbursement's status, so it must say something.</summary>
    public static string RollbackReason(string text) =>
        !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new CliException(CliErrors.Usage(TreasuryReasons.InvalidReason, "reason is blank; say why the disbursement is rolled back, e.g. \"Dependency 12 was rolled back\""));

    /// <summary>An epoch range where both ends are given must not run backwards.</summary>
    public static void EpochRange(ulong? from, ulong? to)
    {
        if (from is { } start && to is { } end && start > end)
        {
            throw new CliException(CliErrors.Usage(TreasuryReasonRegistry.Cli.InvalidRange, $"--from-epoch {start} is after --to-epoch {end}; expected from ≤ to"));
        }
    }
}
