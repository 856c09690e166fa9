namespace TheBlock.Cli.Commands.Dev;

/// <summary>
/// What <c>dev drill</c> prints: the scenario, whether it was the recovery, the runbook path it reproduces, what it did
/// (one sentence a step) and the commands and PromQL expressions that show the symptom (or its end).
/// </summary>
internal sealed record DrillReport(string Scenario, bool Recover, string Reproduces, IReadOnlyList<string> Did, IReadOnlyList<string> Watch);
