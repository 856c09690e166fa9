using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Protocol.Tests.Receipts;

/// <summary>
/// A proposer hands its block the receipt signatures it verified at admission and the block does not verify them
/// again; any other check, and every receipt of a block applied elsewhere, is verified as before.
/// </summary>
public class VerifiedSignaturesTests
{
    [Fact]
    public void A_proposed_block_takes_a_held_check_instead_of_verifying_and_verifies_without_it()
    {
        var (chain, agreement) = ChainWithAgreement();
        var forged = Forged(MarketChain.Receipt(agreement, units: 10, nonce: 1));
        var batch = chain.SignNext(chain.Carrier, new ReceiptBatchPayload([forged]));

        // The held check stands for a verification that passed, so the block believes it: that is the whole saving,
        // and why only the node that verified may fill it.
        var trusted = BlockExecutor.Propose(chain.State, [batch], chain.NextTimeMs, chain.Validator, Held(MarketChain.ProviderKey.PublicKey, forged));
        var verified = BlockExecutor.Propose(chain.State, [batch], chain.NextTimeMs, chain.Validator);

        Assert.Null(Outcome(trusted).Reason);
        Assert.Equal(ReceiptReasons.SignatureInvalid, Outcome(verified).Reason);
    }

    [Fact]
    public void A_check_held_for_another_key_or_signature_does_not_count()
    {
        var (chain, agreement) = ChainWithAgreement();
        var forged = Forged(MarketChain.Receipt(agreement, units: 10, nonce: 1));
        var batch = chain.SignNext(chain.Carrier, new ReceiptBatchPayload([forged]));
        using var other = SigningKey.FromSeed(new byte[32]);
        var genuine = MarketChain.Receipt(agreement, units: 10, nonce: 1);

        var otherKey = BlockExecutor.Propose(chain.State, [batch], chain.NextTimeMs, chain.Validator, Held(other.PublicKey, forged));
        var otherSignature = BlockExecutor.Propose(chain.State, [batch], chain.NextTimeMs, chain.Validator, Held(MarketChain.ProviderKey.PublicKey, genuine with { Signature = forged.Signature.ToArray().Reverse().ToArray() }));

        Assert.Equal(ReceiptReasons.SignatureInvalid, Outcome(otherKey).Reason);
        Assert.Equal(ReceiptReasons.SignatureInvalid, Outcome(otherSignature).Reason);
    }

    [Fact]
    public void Another_node_applying_the_block_verifies_every_receipt_and_reaches_the_same_state_only_when_the_checks_were_true()
    {
        var (chain, agreement) = ChainWithAgreement();
        var genuine = MarketChain.Receipt(agreement, units: 10, nonce: 1);
        var forged = Forged(MarketChain.Receipt(agreement, units: 5, nonce: 2));
        var honest = BlockExecutor.Propose(
            chain.State, [chain.Sign(chain.Carrier, new ReceiptBatchPayload([genuine]))], chain.NextTimeMs, chain.Validator, Held(MarketChain.ProviderKey.PublicKey, genuine));
        var lying = BlockExecutor.Propose(
            chain.State, [chain.Sign(chain.Carrier, new ReceiptBatchPayload([forged]))], chain.NextTimeMs, chain.Validator, Held(MarketChain.ProviderKey.PublicKey, forged));

        Assert.Null(Outcome(lying).Reason);
        Assert.Equal(honest.Block.Header.StateRoot, BlockExecutor.Apply(chain.State, honest.Block, signaturesVerified: false).StateRoot);
        Assert.Equal("state_root_mismatch", Assert.Throws<BlockRejectedException>(() => BlockExecutor.Apply(chain.State, lying.Block, signaturesVerified: false)).Rejection.Reason);
    }

    private static (MarketChain Chain, ulong Agreement) ChainWithAgreement()
    {
        var chain = MarketChain.Create();
        chain.Register();
        return (chain, chain.Open(unitPrice: 1, deposit: 1_000));
    }

    /// <summary>The receipt with its signature's last byte changed: no longer the provider's signature of the claim.</summary>
    private static MarketReceipt Forged(MarketReceipt receipt)
    {
        var signature = receipt.Signature.ToArray();
        signature[^1] ^= 0x01;
        return receipt with { Signature = signature };
    }

    private static HeldChecks Held(ReadOnlySpan<byte> publicKey, MarketReceipt receipt) =>
        new([IVerifiedSignatures.CheckOf(publicKey, receipt.ReceiptId, receipt.Signature.Span)]);

    private static ReceiptOutcome Outcome(ProposedBlock block) =>
        Assert.Single(block.Effects.Events.Select(e => e.Event).OfType<MarketReceiptsIncluded>().Single().Outcomes);

    private sealed class HeldChecks(HashSet<Hash32> checks) : IVerifiedSignatures
    {
        public bool Contains(Hash32 check) => checks.Contains(check);
    }
}
