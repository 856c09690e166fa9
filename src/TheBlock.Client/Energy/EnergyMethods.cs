namespace TheBlock.Client.Energy;

/// <summary>The energy market's JSON-RPC method names, each the CLI path of its command (docs/ENERGY.md, "Commands and RPC").</summary>
public static class EnergyMethods
{
    public const string Market = "energy.market";
    public const string ProviderShow = "energy.provider.show";
    public const string CreditsList = "energy.credits.list";
    public const string DisputesList = "energy.disputes.list";
    public const string DisputesShow = "energy.disputes.show";
    public const string DisputesResolve = "energy.disputes.resolve";
    public const string EscrowShow = "energy.escrow.show";
}
