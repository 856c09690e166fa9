namespace TheBlock.Protocol.Governance;

public static class VoteChoices
{
    public static string Name(VoteChoice choice) => choice switch
    {
        VoteChoice.Yes => "yes",
        VoteChoice.No => "no",
        VoteChoice.Abstain => "abstain",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "unknown vote choice"),
    };

    public static bool TryParse(string? name, out VoteChoice choice)
    {
        choice = name switch
        {
            "yes" => VoteChoice.Yes,
            "no" => VoteChoice.No,
            "abstain" => VoteChoice.Abstain,
            _ => 0,
        };
        return choice != 0;
    }
}
