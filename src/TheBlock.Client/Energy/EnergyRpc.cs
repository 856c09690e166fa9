using TheBlock.Client.Core;
using TheBlock.Client.Rpc;

namespace TheBlock.Client.Energy;

/// <summary>The energy market's query and admin JSON-RPC contracts (docs/ENERGY.md, "Commands and RPC").</summary>
public static class EnergyRpc
{
    public static RpcContract<NoParams, EnergyMarket> Market { get; } =
        new(EnergyMethods.Market, CoreParamsJsonContext.Default.NoParams, EnergyJsonContext.Default.EnergyMarket);

    public static RpcContract<ProviderShowParams, ProviderView> ProviderShow { get; } =
        new(EnergyMethods.ProviderShow, EnergyParamsJsonContext.Default.ProviderShowParams, EnergyJsonContext.Default.ProviderView);

    public static RpcContract<CreditListParams, CreditList> CreditsList { get; } =
        new(EnergyMethods.CreditsList, EnergyParamsJsonContext.Default.CreditListParams, EnergyJsonContext.Default.CreditList, new RpcPaging(100, CoreRpc.MaxListLimit));

    public static RpcContract<DisputeListParams, DisputeList> DisputesList { get; } =
        new(EnergyMethods.DisputesList, EnergyParamsJsonContext.Default.DisputeListParams, EnergyJsonContext.Default.DisputeList, new RpcPaging(100, CoreRpc.MaxListLimit));

    public static RpcContract<DisputeShowParams, DisputeDetail> DisputesShow { get; } =
        new(EnergyMethods.DisputesShow, EnergyParamsJsonContext.Default.DisputeShowParams, EnergyJsonContext.Default.DisputeDetail);

    public static RpcContract<DisputeResolveParams, DisputeDetail> DisputesResolve { get; } =
        new(EnergyMethods.DisputesResolve, EnergyParamsJsonContext.Default.DisputeResolveParams, EnergyJsonContext.Default.DisputeDetail);

    public static RpcContract<EscrowShowParams, OfftakerEscrowView> EscrowShow { get; } =
        new(EnergyMethods.EscrowShow, EnergyParamsJsonContext.Default.EscrowShowParams, EnergyJsonContext.Default.OfftakerEscrowView);
}
