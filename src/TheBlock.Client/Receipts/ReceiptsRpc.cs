using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Receipts;

/// <summary>The receipts module's query JSON-RPC contracts (docs/RECEIPTS.md, "Commands and RPC").</summary>
public static class ReceiptsRpc
{
    public static RpcContract<ReceiptStatsParams, ReceiptStats> Stats { get; } =
        new(ReceiptsMethods.Stats, ReceiptsParamsJsonContext.Default.ReceiptStatsParams, ReceiptsJsonContext.Default.ReceiptStats);

    public static RpcContract<ReceiptListParams, ReceiptList> List { get; } =
        new(ReceiptsMethods.List, ReceiptsParamsJsonContext.Default.ReceiptListParams, ReceiptsJsonContext.Default.ReceiptList, new RpcPaging(100, CoreRpc.MaxListLimit));

    public static RpcContract<ReceiptShowParams, ReceiptView> Show { get; } =
        new(ReceiptsMethods.Show, ReceiptsParamsJsonContext.Default.ReceiptShowParams, ReceiptsJsonContext.Default.ReceiptView);

    public static RpcContract<ReceiptValidateParams, ReceiptValidation> Validate { get; } =
        new(ReceiptsMethods.Validate, ReceiptsParamsJsonContext.Default.ReceiptValidateParams, ReceiptsJsonContext.Default.ReceiptValidation);

    public static RpcContract<MarketProvidersParams, MarketProviderList> ProvidersList { get; } =
        new(ReceiptsMethods.ProvidersList, ReceiptsParamsJsonContext.Default.MarketProvidersParams, ReceiptsJsonContext.Default.MarketProviderList);

    public static RpcContract<AgreementShowParams, AgreementView> AgreementShow { get; } =
        new(ReceiptsMethods.AgreementShow, ReceiptsParamsJsonContext.Default.AgreementShowParams, ReceiptsJsonContext.Default.AgreementView);

    public static RpcContract<ReceiptsTrafficParams, ReceiptsTrafficState> TrafficSet { get; } =
        new(ReceiptsMethods.TrafficSet, ReceiptsParamsJsonContext.Default.ReceiptsTrafficParams, ReceiptsJsonContext.Default.ReceiptsTrafficState);
}
