using TheBlock.Protocol.Chain;

namespace TheBlock.Protocol.Treasury;

/// <summary>What a block did to the treasury, read from its events.</summary>
public static class TreasuryEffects
{
    extension(BlockEffects effects)
    {
        /// <summary>The newest version of each disbursement the block created or moved, by id.</summary>
        public IReadOnlyList<Disbursement> ChangedDisbursements =>
            [.. effects.Events
                .Select(emitted => emitted.Event switch
                {
                    DisbursementCreated created => created.Disbursement,
                    DisbursementChanged changed => changed.Disbursement,
                    _ => null,
                })
                .OfType<Disbursement>()
                .GroupBy(disbursement => disbursement.Id)
                .Select(group => group.Last())
                .OrderBy(disbursement => disbursement.Id)];
    }
}
