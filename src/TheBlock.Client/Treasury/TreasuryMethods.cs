namespace TheBlock.Client.Treasury;

/// <summary>The treasury's and governance's JSON-RPC method names, each the CLI path of its command (docs/TREASURY.md).</summary>
public static class TreasuryMethods
{
    public const string Balance = "gov.treasury.balance";
    public const string List = "gov.treasury.list";
    public const string Show = "gov.treasury.show";
    public const string Rollback = "gov.treasury.rollback";
    public const string ExecutorStatus = "gov.treasury.executor.status";
    public const string ExecutorPause = "gov.treasury.executor.pause";
    public const string ExecutorResume = "gov.treasury.executor.resume";
    public const string DisbursePreview = "gov.disburse.preview";
    public const string AuditSettlement = "audit.settlement";
    public const string FaultSet = "debug.fault.set";
}
