using System.Globalization;
using TheBlock.Client.Treasury;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Cli.Commands.Treasury;

/// <summary>The treasury commands' argument checks, made before anything is sent (as <see cref="ArgumentRules"/> for the core's).</summary>
internal static class TreasuryArguments
{
    /// <summary>The most items one list call may return (spec/conventions.md).</summary>
    public const int MaxLimit = 1000;

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

    /// <summary>A disbursement state name, as the node filters on it.</summary>
    public static string DisbursementState(string text) =>
        DisbursementStates.TryParse(text, out var state)
            ? DisbursementStates.Name(state)
            : throw new CliException(CliErrors.Usage(
                TreasuryReasonRegistry.Cli.InvalidStatus,
                $"status \"{text}\" is not a disbursement state; expected one of {string.Join(", ", DisbursementStates.All.Select(DisbursementStates.Name))}"));
}
