using System.CommandLine;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// The flags the energy drills that send readings share (<c>--oracle</c>, <c>--duration</c>): one instance of each, so
/// <c>dev drill</c> offers each flag once (it adds every drill's options, without repeats).
/// </summary>
internal sealed class EnergyDrillOptions
{
    public EnergyDrillOptions()
    {
        Oracle = ReadingSubmitCommand.Oracle.UrlOption();
        Oracle.Description = "bad-signatures, clock-skew, disputes-backlog: " + Oracle.Description;
        Duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("Option '--duration' must be at least 1 second.");
            }
        });
    }

    public Option<string?> Oracle { get; }

    public Option<int> Duration { get; } = new("--duration")
    {
        Description = "bad-signatures, clock-skew: seconds to keep sending readings (default 60); Ctrl-C stops sooner.",
        HelpName = "S",
        DefaultValueFactory = _ => 60,
    };
}
