namespace TheBlock.Client.Receipts;

/// <summary>The receipts module's JSON-RPC method names, each the CLI path of its command (docs/RECEIPTS.md, "Commands and RPC").</summary>
public static class ReceiptsMethods
{
    public const string Stats = "receipts.stats";
    public const string List = "receipts.list";
    public const string Show = "receipts.show";
    public const string Validate = "receipts.validate";

    /// <summary>Admin: has every emitter that synced recently clear its validation state (the node calls each one).</summary>
    public const string ResetValidationState = "receipts.reset_validation_state";
    /// <summary>Admin, devnet only: stops or restarts the devnet's simulated storage, compute and ad receipts (the <c>market-flatline</c> drill).</summary>
    public const string TrafficSet = "debug.receipts.traffic.set";
    public const string ProvidersList = "market.providers.list";
    public const string AgreementShow = "market.agreement.show";
}
