using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Protocol.Tests.Receipts;

/// <summary>A receipt batch pays each valid receipt from its agreement exactly once, and records every refusal with the spec's reason.</summary>
public class ReceiptBatchTests
{
    [Fact]
    public void A_valid_receipt_pays_units_times_price_from_the_deposit_split_between_owner_and_treasury_it()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var agreement = chain.Open(unitPrice: 4, deposit: 1_000);
        var owner = chain.BalanceOf(chain.Owner);
        var it = chain.State.Treasury.It;

        var included = chain.Submit(MarketChain.Receipt(agreement, units: 100, nonce: 1));

        var outcome = Assert.Single(included.Outcomes);
        Assert.Equal((400UL, 10UL), (outcome.Amount, outcome.Fee));
        Assert.Equal(owner + 390, chain.BalanceOf(chain.Owner));
        Assert.Equal(it + 10, chain.State.Treasury.It);
        Assert.Equal(600UL, chain.State.GetAgreement(agreement)!.Deposit);
        Assert.Equal(600UL, chain.State.SystemBalance(ReceiptsState.EscrowAccount));
        StandardChain.Modules.All.Single(m => m.Name == ReceiptsModule.ModuleName).VerifyState(chain.State);
    }

    [Fact]
    public void The_block_records_the_service_receipt_with_its_buyer_and_the_claims_from_the_batch()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var agreement = chain.Open();
        var claim = MarketChain.Receipt(agreement, units: 2, nonce: 9);

        var proposed = chain.ProposeIncluding([chain.SignNext(chain.Carrier, new ReceiptBatchPayload([claim]))]);
        chain.Commit(proposed);

        var (receipt, index) = Assert.Single(BlockReceipts.Of(proposed.Block, proposed.Effects.Events));
        Assert.Equal(0, index);
        Assert.Equal(claim.ReceiptId, receipt.ReceiptId);
        Assert.Equal(
            ("storage", "storage_001", chain.Buyer.Address, agreement, 2UL, 8UL, 0UL, 9UL),
            (receipt.Market, receipt.ProviderId, receipt.Buyer, receipt.AgreementId, receipt.Units, receipt.Amount, receipt.Fee, receipt.Nonce));
        Assert.Equal(claim.Fields, receipt.Fields);
    }

    [Fact]
    public void A_duplicate_nonce_in_the_same_batch_or_a_later_block_is_refused_and_pays_nothing()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var agreement = chain.Open(deposit: 1_000);
        var receipt = MarketChain.Receipt(agreement, units: 10, nonce: 1);

        var first = chain.Submit(receipt, receipt);
        var later = chain.Submit(receipt);

        Assert.Equal([null, ReceiptReasons.DuplicateDetection], first.Outcomes.Select(o => o.Reason));
        Assert.Equal(ReceiptReasons.DuplicateDetection, Assert.Single(later.Outcomes).Reason);
        Assert.Equal(960UL, chain.State.GetAgreement(agreement)!.Deposit);
        Assert.Equal(1UL, chain.State.GetAgreement(agreement)!.Receipts);
    }

    [Fact]
    public void Each_check_refuses_with_its_reason_in_the_spec_order_and_the_rest_of_the_batch_still_pays()
    {
        var chain = MarketChain.Create();
        chain.Register();
        chain.Register(ServiceMarket.Compute, "compute_001");
        var agreement = chain.Open(unitPrice: 10, deposit: 100);
        var other = chain.Open(ServiceMarket.Compute, "compute_001");
        using var stranger = Protocol.Crypto.SigningKey.FromSeed(new byte[32]);

        var included = chain.Submit(
            MarketChain.Receipt(agreement, units: 0, nonce: 1),
            MarketChain.Receipt(agreement, units: 1, nonce: 2, key: stranger),
            MarketChain.Receipt(agreement, units: 1, nonce: 3, providerId: "storage_unknown"),
            MarketChain.Receipt(999, units: 1, nonce: 4),
            MarketChain.Receipt(other, units: 1, nonce: 5),
            MarketChain.Receipt(agreement, units: 11, nonce: 6),
            MarketChain.Receipt(agreement, units: 10, nonce: 7),
            MarketChain.Receipt(agreement, units: 1, nonce: 7));

        Assert.Equal(
            [
                ReceiptReasons.SchemaMismatch, ReceiptReasons.SignatureInvalid, ReceiptReasons.SignatureInvalid, ReceiptReasons.AgreementInvalid,
                ReceiptReasons.AgreementInvalid, ReceiptReasons.InsufficientFunds, null, ReceiptReasons.DuplicateDetection,
            ],
            included.Outcomes.Select(o => o.Reason));
        Assert.Equal(0UL, chain.State.GetAgreement(agreement)!.Deposit);
    }

    [Fact]
    public void Closing_refunds_the_unused_deposit_to_the_buyer_and_later_receipts_are_agreement_invalid()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var agreement = chain.Open(unitPrice: 1, deposit: 500);
        chain.Submit(MarketChain.Receipt(agreement, units: 100, nonce: 1));
        var buyer = chain.BalanceOf(chain.Buyer);

        Assert.Equal(ReceiptReasons.NotAgreementParty, chain.Apply(chain.Sign(chain.Outsider, new AgreementClosePayload(agreement)))?.Reason);
        Assert.Null(chain.Apply(chain.Sign(chain.Buyer, new AgreementClosePayload(agreement))));

        Assert.Equal(buyer + 400, chain.BalanceOf(chain.Buyer));
        Assert.Equal(0UL, chain.State.SystemBalance(ReceiptsState.EscrowAccount));
        Assert.Equal(ReceiptReasons.AgreementClosed, chain.Apply(chain.Sign(chain.Buyer, new AgreementClosePayload(agreement)))?.Reason);
        Assert.Equal(ReceiptReasons.AgreementInvalid, Assert.Single(chain.Submit(MarketChain.Receipt(agreement, units: 1, nonce: 2)).Outcomes).Reason);
    }

    [Fact]
    public void Registration_and_agreements_refuse_bad_requests_with_a_reason_and_change_nothing()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var before = chain.BalanceOf(chain.Owner);

        Assert.Equal(ReceiptReasons.MarketProviderExists, chain.Apply(chain.Sign(chain.Owner, new MarketProviderRegisterPayload(ServiceMarket.Storage, "storage_001", MarketChain.ProviderKey.PublicKey, 5_000)))?.Reason);
        Assert.Equal(ReceiptReasons.MarketStakeBelowMinimum, chain.Apply(chain.Sign(chain.Owner, new MarketProviderRegisterPayload(ServiceMarket.Ad, "ad_001", MarketChain.ProviderKey.PublicKey, 999)))?.Reason);
        Assert.Equal(ReceiptReasons.MarketProviderNotFound, chain.Apply(chain.Sign(chain.Buyer, new AgreementOpenPayload(ServiceMarket.Ad, "storage_001", 1, 10)))?.Reason);
        Assert.Equal(ReceiptReasons.InvalidMarketRequest, new AgreementOpenPayload(ServiceMarket.Storage, "storage_001", 0, 10).CheckStateless()?.Reason);
        Assert.Equal(ReceiptReasons.InvalidMarketRequest, new MarketProviderRegisterPayload(ServiceMarket.Storage, "", MarketChain.ProviderKey.PublicKey, 5_000).CheckStateless()?.Reason);
        Assert.Equal(ReceiptReasons.AgreementNotFound, chain.Apply(chain.Sign(chain.Buyer, new AgreementTopUpPayload(7, 10)))?.Reason);
        Assert.Equal(before, chain.BalanceOf(chain.Owner));
    }

    [Fact]
    public void A_top_up_by_the_buyer_adds_to_the_deposit_and_the_escrow_identity_holds_through_everything()
    {
        var chain = MarketChain.Create();
        chain.Register();
        var agreement = chain.Open(unitPrice: 3, deposit: 30);

        Assert.Null(chain.Apply(chain.Sign(chain.Buyer, new AgreementTopUpPayload(agreement, 70))));
        Assert.Equal(ReceiptReasons.NotAgreementParty, chain.Apply(chain.Sign(chain.Outsider, new AgreementTopUpPayload(agreement, 5)))?.Reason);
        chain.Submit(MarketChain.Receipt(agreement, units: 33, nonce: 1));

        Assert.Equal(1UL, chain.State.GetAgreement(agreement)!.Deposit);
        ReceiptsIdentity.Verify(chain.State, chain.State.Height);
        Assert.Equal(TestChain.TotalHeld(chain.FreshState()), TestChain.TotalHeld(chain.State) + chain.State.SystemBalance(ReceiptsState.EscrowAccount) + chain.State.SystemBalance(ReceiptsState.StakeAccount));
    }
}
