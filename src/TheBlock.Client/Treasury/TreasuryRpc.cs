using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Treasury;

/// <summary>The treasury's and governance's JSON-RPC contracts (docs/TREASURY.md, "Commands and methods").</summary>
public static class TreasuryRpc
{
    public static RpcContract<NoParams, TreasuryBalance> Balance { get; } =
        new(TreasuryMethods.Balance, CoreParamsJsonContext.Default.NoParams, TreasuryJsonContext.Default.TreasuryBalance);

    public static RpcContract<DisbursementListParams, DisbursementList> List { get; } =
        new(TreasuryMethods.List, TreasuryParamsJsonContext.Default.DisbursementListParams, TreasuryJsonContext.Default.DisbursementList, new RpcPaging(100, CoreRpc.MaxListLimit));

    public static RpcContract<DisbursementShowParams, DisbursementView> Show { get; } =
        new(TreasuryMethods.Show, TreasuryParamsJsonContext.Default.DisbursementShowParams, TreasuryJsonContext.Default.DisbursementView);

    public static RpcContract<DisbursementRollbackParams, DisbursementView> Rollback { get; } =
        new(TreasuryMethods.Rollback, TreasuryParamsJsonContext.Default.DisbursementRollbackParams, TreasuryJsonContext.Default.DisbursementView);

    public static RpcContract<NoParams, ExecutorStatus> ExecutorStatus { get; } =
        new(TreasuryMethods.ExecutorStatus, CoreParamsJsonContext.Default.NoParams, TreasuryJsonContext.Default.ExecutorStatus);

    public static RpcContract<NoParams, ExecutorStatus> ExecutorPause { get; } =
        new(TreasuryMethods.ExecutorPause, CoreParamsJsonContext.Default.NoParams, TreasuryJsonContext.Default.ExecutorStatus);

    public static RpcContract<NoParams, ExecutorStatus> ExecutorResume { get; } =
        new(TreasuryMethods.ExecutorResume, CoreParamsJsonContext.Default.NoParams, TreasuryJsonContext.Default.ExecutorStatus);

    public static RpcContract<DisbursementPreviewParams, DisbursementPreview> DisbursePreview { get; } =
        new(TreasuryMethods.DisbursePreview, TreasuryParamsJsonContext.Default.DisbursementPreviewParams, TreasuryJsonContext.Default.DisbursementPreview);

    public static RpcContract<SettlementAuditParams, SettlementAudit> AuditSettlement { get; } =
        new(TreasuryMethods.AuditSettlement, TreasuryParamsJsonContext.Default.SettlementAuditParams, TreasuryJsonContext.Default.SettlementAudit);

    public static RpcContract<FaultSetParams, FaultState> FaultSet { get; } =
        new(TreasuryMethods.FaultSet, TreasuryParamsJsonContext.Default.FaultSetParams, TreasuryJsonContext.Default.FaultState);
}
