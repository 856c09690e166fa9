using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Energy;

/// <summary>Every change the energy module makes to a block in progress, each journaled by the overlay and announced as an event.</summary>
public static class EnergyChanges
{
    extension(StateOverlay overlay)
    {
        public void PutEnergyCounters(EnergyCounters counters) =>
            overlay.Put(EnergyState.CountersKey, StateValue.Of(counters, c => c.Encode()));

        /// <summary>Stores the new version of a provider and emits <see cref="EnergyProviderChanged"/>.</summary>
        public void PutProvider(Provider provider, bool announce = true)
        {
            var previous = announce ? overlay.GetProvider(provider.ProviderId) : null;
            overlay.Put(EnergyState.ProviderKey(provider.ProviderId), StateValue.Of(provider, p => p.Encode()));
            if (announce)
            {
                overlay.Emit(new EnergyProviderChanged(provider, previous?.Status));
            }
        }

        public void PutMeterHead(string providerId, string meter, MeterHead head) =>
            overlay.Put(EnergyState.MeterKey(providerId, meter), StateValue.Of(head, h => h.Encode()));

        /// <summary>
        /// Stores the new version of an open credit, or drops a credit that became final from the state, and emits
        /// <see cref="EnergyCreditChanged"/> with the record either way: the events (committed by the receipts root) and
        /// the storage tables built from them keep the history, so the state holds only the live market.
        /// </summary>
        public void PutCredit(Credit credit, CreditStatus? from)
        {
            if (credit.Status.IsFinal())
            {
                overlay.Delete(EnergyState.OpenCreditKey(credit.CreditId));
            }
            else
            {
                overlay.Put(EnergyState.OpenCreditKey(credit.CreditId), StateValue.Of(credit, c => c.Encode()));
            }

            overlay.Emit(new EnergyCreditChanged(credit, from));
        }

        public void PutDispute(Dispute dispute)
        {
            overlay.Put(EnergyState.DisputeKey(dispute.DisputeId), StateValue.Of(dispute, d => d.Encode()));
            overlay.Emit(new EnergyDisputeChanged(dispute));
        }

        public void LockStake(Address owner, ulong amount, string reference)
        {
            overlay.Debit(owner, amount, EnergyLedgerEntryKinds.StakeLock, reference);
            overlay.CreditSystem(EnergyState.StakeAccount, amount, EnergyLedgerEntryKinds.StakeLock, reference);
        }

        public void ReleaseStake(Address owner, ulong amount, string reference)
        {
            if (amount == 0)
            {
                return;
            }

            overlay.DebitSystem(EnergyState.StakeAccount, amount, EnergyLedgerEntryKinds.StakeRelease, reference);
            overlay.Credit(owner, amount, EnergyLedgerEntryKinds.StakeRelease, reference);
        }

        public void SlashStake(ulong amount, string reference)
        {
            if (amount == 0)
            {
                return;
            }

            overlay.DebitSystem(EnergyState.StakeAccount, amount, EnergyLedgerEntryKinds.Slash, reference);
            overlay.CreditTreasury(SubLedger.It, amount, EnergyLedgerEntryKinds.Slash, reference);
        }

        public void DepositEscrow(Address offtaker, ulong amount, string reference)
        {
            overlay.Debit(offtaker, amount, EnergyLedgerEntryKinds.EscrowDeposit, reference);
            overlay.CreditSystem(EnergyState.EscrowAccount, amount, EnergyLedgerEntryKinds.EscrowDeposit, reference);
            overlay.SetEscrow(offtaker, overlay.EscrowOf(offtaker) + amount);
            overlay.Emit(new EnergyEscrowChanged(offtaker, overlay.EscrowOf(offtaker)));
        }

        public void WithdrawEscrow(Address offtaker, ulong amount, string reference)
        {
            overlay.DebitSystem(EnergyState.EscrowAccount, amount, EnergyLedgerEntryKinds.EscrowWithdraw, reference);
            overlay.Credit(offtaker, amount, EnergyLedgerEntryKinds.EscrowWithdraw, reference);
            overlay.SetEscrow(offtaker, overlay.EscrowOf(offtaker) - amount);
            overlay.Emit(new EnergyEscrowChanged(offtaker, overlay.EscrowOf(offtaker)));
        }

        /// <summary>Takes a block's settlements out of the offtaker's escrow (the caller checked it covers them).</summary>
        public void PaySettlements(Address offtaker, ulong payment, string reference)
        {
            overlay.DebitSystem(EnergyState.EscrowAccount, payment, EnergyLedgerEntryKinds.SettlementPayment, reference);
            overlay.SetEscrow(offtaker, overlay.EscrowOf(offtaker) - payment);
        }

        /// <summary>The treasury's fees on a block's settlements, to its it sub-ledger.</summary>
        public void CollectSettlementFees(ulong fees, string reference)
        {
            if (fees > 0)
            {
                overlay.CreditTreasury(SubLedger.It, fees, EnergyLedgerEntryKinds.SettlementFee, reference);
            }
        }

        /// <summary>A provider owner's part of a block's settlements.</summary>
        public void PayProviderOwner(Address owner, ulong amount, string reference)
        {
            if (amount > 0)
            {
                overlay.Credit(owner, amount, EnergyLedgerEntryKinds.SettlementReceived, reference);
            }
        }

        private void SetEscrow(Address offtaker, ulong balance)
        {
            var key = EnergyState.EscrowKey(offtaker);
            if (balance == 0)
            {
                overlay.Delete(key);
            }
            else
            {
                overlay.Put(key, EnergyState.EncodeU64(balance));
            }
        }
    }
}
