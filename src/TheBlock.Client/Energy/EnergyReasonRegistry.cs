using TheBlock.Protocol.Energy;

namespace TheBlock.Client.Energy;

/// <summary>
/// Every reason the energy module answers with, defined once: the reading checks' (<see cref="EnergyReasons"/>, in
/// check order) feed the submitter's answer, the rejection metrics' labels, log fields and CLI errors; the transaction
/// reasons (<see cref="EnergyReasons.Transaction"/>) answer a refused energy transaction.
/// docs/ENERGY.md's error table lists exactly these (a test checks).
/// </summary>
public static class EnergyReasonRegistry
{
    /// <summary>Why a provider's stake was slashed: the <c>reason</c> label of <c>energy_slashing_total</c>.</summary>
    public static class Slashing
    {
        public const string DisputeUpheld = "dispute_upheld";

        public static IReadOnlyList<string> All { get; } = [DisputeUpheld];
    }

    /// <summary><c>energy.disputes.resolve</c> admitted its transaction but no block included it in time.</summary>
    public const string ResolutionTimeout = "resolution_timeout";

    /// <summary>The reasons contract-cli reports itself for the <c>energy</c> commands, before anything is sent (exit 2).</summary>
    public static class Cli
    {
        public const string InvalidStatus = "invalid_status";
        public const string InvalidLimit = "invalid_limit";
        public const string NothingToUpdate = "nothing_to_update";

        public static IReadOnlyList<string> All { get; } = [InvalidStatus, InvalidLimit, NothingToUpdate];
    }

    public static IReadOnlyList<string> All { get; } = [.. EnergyReasons.Reading, .. EnergyReasons.Transaction, .. Slashing.All, ResolutionTimeout, .. Cli.All, .. Oracle.OracleReasons.All];
}
