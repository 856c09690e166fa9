using TheBlock.Cli.Commands.Energy;
using TheBlock.Cli.Commands.Receipts;
using TheBlock.Cli.Commands.Treasury;

namespace TheBlock.Cli.Commands.Dev;

/// <summary>The scenarios <c>dev drill</c> knows, in help order. A new one is its file in its subsystem's folder plus its line here.</summary>
internal static class DrillScenarios
{
    public static IReadOnlyList<IDrill> All { get; } = Create();

    private static List<IDrill> Create()
    {
        var energy = new EnergyDrillOptions();
        return
        [
            new InsufficientFundsDrill(),
            new DependencyRollbackDrill(),
            new ExecutorLedgerUnavailableDrill(),
            new ExecutorConsensusTimeoutDrill(),
            new OracleLatencyDrill(),
            new BadSignaturesDrill(energy),
            new ClockSkewDrill(energy),
            new DisputesBacklogDrill(energy),
            new MarketFlatlineDrill(),
            new ReceiptValidationErrorsDrill(),
        ];
    }
}
