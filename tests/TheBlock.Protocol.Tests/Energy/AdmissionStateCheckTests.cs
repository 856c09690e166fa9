using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Transactions;
using TheBlock.Testing.Energy;

namespace TheBlock.Protocol.Tests.Energy;

/// <summary>
/// Admission runs a module transaction's rule on a throwaway overlay to refuse what a block would drop, unless the
/// kind declares its rule never refuses (<see cref="ITransactionType.CanRefuseAgainstState"/>): a reading batch, whose
/// every reading the block checks again anyway.
/// </summary>
public class AdmissionStateCheckTests
{
    [Fact]
    public void A_reading_batch_is_a_kind_whose_rule_never_refuses()
    {
        Assert.False(StandardChain.Modules.TypeOf(EnergyKinds.ReadingBatch.Code)!.CanRefuseAgainstState);
        // Only batches, which record each refused item instead of refusing, may skip admission's run of the rule.
        Assert.All(
            StandardChain.Modules.TransactionKinds.Where(kind => !kind.Name.EndsWith("_batch", StringComparison.Ordinal) && kind != TransactionKind.Transfer),
            kind => Assert.True(StandardChain.Modules.TypeOf(kind.Code)!.CanRefuseAgainstState, kind.Name));
    }

    [Fact]
    public void Admission_skips_the_rule_of_a_kind_that_never_refuses_and_runs_the_others()
    {
        var scenario = EnergyScenario.Create();
        var batch = scenario.SignNext(scenario.Carrier, new ReadingBatchPayload([scenario.Reading("meter_001", 1, providerId: "provider_nobody")]));
        var exit = scenario.SignNext(scenario.Outsider, new ProviderExitPayload("provider_nobody"));

        Assert.Null(TransactionExecutor.CheckAgainstState(scenario.State, batch, scenario.NextTimeMs));
        Assert.Equal(EnergyReasons.ProviderNotFound, TransactionExecutor.CheckAgainstState(scenario.State, exit, scenario.NextTimeMs)?.Reason);
    }
}
