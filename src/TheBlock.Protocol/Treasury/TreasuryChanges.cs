using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Treasury;

/// <summary>Every change the treasury module makes to a block in progress, each journaled by the overlay and each state move announced as an event.</summary>
public static class TreasuryChanges
{
    extension(StateOverlay overlay)
    {
        public ulong AllocateDisbursementId()
        {
            var id = overlay.NextDisbursementId;
            overlay.Put(TreasuryState.NextIdKey, TreasuryState.EncodeId(id + 1));
            return id;
        }

        /// <summary>Stores the new version of a disbursement and emits <see cref="DisbursementCreated"/> or <see cref="DisbursementChanged"/>.</summary>
        public void PutDisbursement(Disbursement disbursement)
        {
            var previous = overlay.GetDisbursement(disbursement.Id);
            if (disbursement.State.IsFinal())
            {
                overlay.Delete(TreasuryState.ActiveKey(disbursement.Id));
                overlay.Put(TreasuryState.FinalKey(disbursement.Id), StateValue.Of(disbursement, d => d.Encode()));
            }
            else
            {
                overlay.Put(TreasuryState.ActiveKey(disbursement.Id), StateValue.Of(disbursement, d => d.Encode()));
            }

            overlay.Emit(previous is null ? new DisbursementCreated(disbursement) : new DisbursementChanged(disbursement, previous.State));
        }

        public void SetLease(ExecutorLease lease)
        {
            overlay.Put(TreasuryState.LeaseKey, StateValue.Of(lease, l => l.Encode()));
            overlay.Emit(new ExecutorLeaseChanged(lease));
        }

        /// <summary>Pays <paramref name="amount"/> of a treasury sub-ledger into escrow (the caller checked it is there).</summary>
        public void MoveTreasuryToEscrow(SubLedger subLedger, ulong amount, string reference)
        {
            overlay.DebitTreasury(subLedger, amount, TreasuryLedgerEntryKinds.DisbursementPayout, reference);
            overlay.CreditSystem(new SystemBalanceKey(TreasuryModule.EscrowAccount, subLedger), amount, TreasuryLedgerEntryKinds.DisbursementEscrow, reference);
        }

        /// <summary>Releases escrowed funds of a finalized disbursement to its destination.</summary>
        public void ReleaseEscrow(SubLedger subLedger, ulong amount, Address destination, string reference)
        {
            overlay.DebitSystem(new SystemBalanceKey(TreasuryModule.EscrowAccount, subLedger), amount, TreasuryLedgerEntryKinds.DisbursementRelease, reference);
            overlay.Credit(destination, amount, TreasuryLedgerEntryKinds.DisbursementReceived, reference);
        }

        /// <summary>Returns a rolled-back disbursement's escrowed funds to the treasury sub-ledger they came from.</summary>
        public void RefundEscrow(SubLedger subLedger, ulong amount, string reference)
        {
            overlay.DebitSystem(new SystemBalanceKey(TreasuryModule.EscrowAccount, subLedger), amount, TreasuryLedgerEntryKinds.DisbursementRefund, reference);
            overlay.CreditTreasury(subLedger, amount, TreasuryLedgerEntryKinds.DisbursementRefund, reference);
        }
    }
}
