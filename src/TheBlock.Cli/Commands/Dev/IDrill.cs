using System.CommandLine;

namespace TheBlock.Cli.Commands.Dev;

/// <summary>
/// One scenario of <c>contract-cli dev drill</c>: it puts a devnet into one of the runbook's failure states from the
/// client side, and <see cref="RecoverAsync"/> undoes it. A subsystem's drill lives in that subsystem's command folder
/// and is listed once in <see cref="DrillScenarios"/>; the devnet check is done before either method is called.
/// </summary>
internal interface IDrill
{
    /// <summary>The scenario's name on the command line, e.g. <c>bad-signatures</c>.</summary>
    string Name { get; }

    /// <summary>The runbook section and path it reproduces, as one line for help and the report.</summary>
    string Reproduces { get; }

    /// <summary>Flags this scenario reads; offered once on <c>dev drill</c> (scenarios may share one instance) and ignored by the others.</summary>
    IReadOnlyList<Option> Options { get; }

    Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken);

    Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken);
}
