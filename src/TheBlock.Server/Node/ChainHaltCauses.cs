using TheBlock.Protocol.Ledger;
using TheBlock.Storage;

namespace TheBlock.Server.Node;

/// <summary>Why the chain halted: the <c>cause</c> of the <c>ChainHalted</c> log line and of the exit message.</summary>
public static class ChainHaltCauses
{
    /// <summary>A ledger invariant broke (conservation, escrow identity): the state machine is wrong.</summary>
    public const string InvariantViolation = "invariant_violation";

    /// <summary>The stored state disagrees with what the chain committed to.</summary>
    public const string StateCorrupted = "state_corrupted";

    /// <summary>Anything else block production threw: a bug.</summary>
    public const string UnexpectedError = "unexpected_error";

    public static IReadOnlyList<string> All { get; } = [InvariantViolation, StateCorrupted, UnexpectedError];

    public static string Of(Exception exception) => exception switch
    {
        InvariantViolationException => InvariantViolation,
        StateCorruptedException => StateCorrupted,
        _ => UnexpectedError,
    };
}
