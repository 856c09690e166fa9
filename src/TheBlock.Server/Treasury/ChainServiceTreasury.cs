using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;
using TheBlock.Server.Node;

namespace TheBlock.Server.Treasury;

/// <summary>The treasury's reads of the chain service, each taken under the chain lock at one block.</summary>
public static class ChainServiceTreasury
{
    extension(ChainService chain)
    {
        public TreasuryView TreasuryView() => chain.Read(View);

        /// <summary>
        /// The treasury view and, at the same instant, which of the node's own transactions in <paramref name="submitted"/>
        /// are still waiting in the mempool: a block committed between two separate reads would make a payout look
        /// neither pending nor paid, and the executor would pay it again.
        /// </summary>
        public TreasurySnapshot TreasurySnapshot(IEnumerable<Hash32> submitted) => chain.Read(state =>
        {
            // The chain lock is re-entrant: the mempool reads below see the same instant as the view.
            var stillPending = new Dictionary<Hash32, Hash32>();
            foreach (var hash in submitted)
            {
                var latest = chain.Resigned.Latest(hash);
                if (chain.IsPending(latest))
                {
                    stillPending[hash] = latest;
                }
            }

            return new TreasurySnapshot(View(state), stillPending);
        });

        /// <summary>The committed state of any disbursement (final ones too), or null when the id does not exist.</summary>
        public DisbursementState? DisbursementStateOf(ulong id) => chain.Read(state => state.StateOf(id));

        /// <summary>The treasury and escrow sub-ledgers after the same block, without copying the disbursements.</summary>
        public (TreasuryBalances Treasury, TreasuryBalances Escrow) TreasuryAndEscrow() => chain.Read(state => (state.Treasury, state.Escrow));

        /// <summary>The id the next accepted disbursement gets.</summary>
        public ulong NextDisbursementId => chain.Read(state => state.NextDisbursementId);
    }

    private static TreasuryView View(ChainState state) =>
        new(state.Height, state.LastBlockTimeMs, state.Epoch, state.Treasury, state.Escrow, state.Lease, state.NextDisbursementId, [.. state.ActiveDisbursements()]);
}
