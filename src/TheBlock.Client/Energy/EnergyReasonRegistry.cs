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
    public static IReadOnlyList<string> All { get; } = [.. EnergyReasons.Reading, .. EnergyReasons.Transaction, .. Oracle.OracleReasons.All];
}
