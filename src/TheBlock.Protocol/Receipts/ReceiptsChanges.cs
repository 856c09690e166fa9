using System.Buffers.Binary;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Receipts;

/// <summary>Every change the service markets make to a block in progress, each journaled by the overlay and announced as an event.</summary>
public static class ReceiptsChanges
{
    extension(StateOverlay overlay)
    {
        public ulong TakeAgreementId()
        {
            var id = overlay.NextAgreementId;
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, id + 1);
            overlay.Put(ReceiptsState.CountersKey, StateValue.FromBytes(bytes));
            return id;
        }

        public void PutMarketProvider(MarketProvider provider)
        {
            overlay.Put(ReceiptsState.ProviderKey(provider.Market, provider.ProviderId), StateValue.Of(provider, p => p.Encode()));
            overlay.Emit(new MarketProviderRegistered(provider));
        }

        public void PutNonceWindow(ServiceMarket market, string providerId, NonceWindow window) =>
            overlay.Put(ReceiptsState.WindowKey(market, providerId), StateValue.Of(window, w => w.Encode()));

        public void PutAgreement(Agreement agreement)
        {
            overlay.Put(ReceiptsState.AgreementKey(agreement.AgreementId), StateValue.Of(agreement, a => a.Encode()));
            overlay.Emit(new AgreementChanged(agreement));
        }

        public void LockMarketStake(Address owner, ulong amount, string reference)
        {
            overlay.Debit(owner, amount, ReceiptsLedgerEntryKinds.StakeLock, reference);
            overlay.CreditSystem(ReceiptsState.StakeAccount, amount, ReceiptsLedgerEntryKinds.StakeLock, reference);
        }

        public void DepositToAgreement(Address buyer, ulong amount, string reference)
        {
            overlay.Debit(buyer, amount, ReceiptsLedgerEntryKinds.AgreementDeposit, reference);
            overlay.CreditSystem(ReceiptsState.EscrowAccount, amount, ReceiptsLedgerEntryKinds.AgreementDeposit, reference);
        }

        public void RefundAgreement(Address buyer, ulong amount, string reference)
        {
            if (amount == 0)
            {
                return;
            }

            overlay.DebitSystem(ReceiptsState.EscrowAccount, amount, ReceiptsLedgerEntryKinds.AgreementRefund, reference);
            overlay.Credit(buyer, amount, ReceiptsLedgerEntryKinds.AgreementRefund, reference);
        }

        /// <summary>Moves a batch's payments: once out of the escrow, once to each owner, once to the treasury's it sub-ledger.</summary>
        public void PayReceipts(ulong total, IEnumerable<KeyValuePair<Address, ulong>> owners, ulong fees, string reference)
        {
            if (total == 0)
            {
                return;
            }

            overlay.DebitSystem(ReceiptsState.EscrowAccount, total, ReceiptsLedgerEntryKinds.ReceiptPayment, reference);
            foreach (var (owner, received) in owners.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key))
            {
                overlay.Credit(owner, received, ReceiptsLedgerEntryKinds.ReceiptReceived, reference);
            }

            if (fees > 0)
            {
                overlay.CreditTreasury(SubLedger.It, fees, ReceiptsLedgerEntryKinds.ReceiptFee, reference);
            }
        }
    }
}
