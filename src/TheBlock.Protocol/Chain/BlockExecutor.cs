using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Chain;

/// <summary>
/// The state transition: a producer proposes the next block from candidate transactions, and anyone applies a
/// given block to reach exactly the same state root. Neither changes the committed state; storage commits the
/// effects first and the state follows.
/// </summary>
public static class BlockExecutor
{
    /// <summary>
    /// Builds the next block from <paramref name="candidates"/> in order, leaving out those that fail against the
    /// evolving state. Candidates' signatures must already be verified (mempool admission does it); signatures inside
    /// them (a batch's receipts) are verified unless <paramref name="verified"/> holds their check.
    /// </summary>
    public static ProposedBlock Propose(ChainState state, IEnumerable<Transaction> candidates, ulong timeMs, SigningKey producerKey, IVerifiedSignatures? verified = null)
    {
        var height = state.Height + 1;
        var blockTimeMs = Math.Max(timeMs, state.LastBlockTimeMs + 1);
        var overlay = new StateOverlay(state, height, blockTimeMs) { VerifiedSignatures = verified };
        var producer = producerKey.Address;
        var included = new List<Transaction>();
        var dropped = new List<(Transaction, Rejection)>();
        foreach (var transaction in candidates)
        {
            if (included.Count == state.Parameters.MaxBlockTransactions)
            {
                break;
            }

            overlay.TransactionIndex = included.Count;
            var rejection = TransactionExecutor.CheckStateless(transaction, state.Genesis.ChainId, verifySignature: false)
                ?? TransactionExecutor.Apply(overlay, transaction, producer);
            if (rejection is null)
            {
                included.Add(transaction);
            }
            else
            {
                dropped.Add((transaction, rejection));
            }
        }

        EndBlock(overlay);
        BlockRewards.Apply(overlay, state.Parameters, producer);
        var sealedBlock = overlay.Seal();
        var header = new BlockHeader(
            height,
            blockTimeMs,
            state.LastBlockHash,
            MerkleRoot.OfTransactions(included),
            BlockEvents.ReceiptsRoot(included.Count, sealedBlock.Events),
            sealedBlock.StateRoot,
            producerKey.PublicKey);
        var block = new Block(header, included, producerKey.Sign(header.Hash().ToArray()));
        return new ProposedBlock(sealedBlock.For(block), dropped);
    }

    /// <summary>
    /// Applies a block produced elsewhere (or replayed): every rule is checked and the resulting state root must equal
    /// the header's. Pass <paramref name="signaturesVerified"/> when the host already verified transaction signatures
    /// (in parallel); otherwise they are verified here, one by one.
    /// </summary>
    public static BlockEffects Apply(ChainState state, Block block, bool signaturesVerified)
    {
        var header = block.Header;
        Require(header.Height == state.Height + 1, "wrong_height", $"block height {header.Height} does not follow {state.Height}");
        Require(header.PreviousHash == state.LastBlockHash, "wrong_parent", $"block {header.Height} builds on {header.PreviousHash}, not on {state.LastBlockHash}");
        Require(header.TimeMs > state.LastBlockTimeMs, "time_not_increasing", $"block {header.Height} time {header.TimeMs} is not after {state.LastBlockTimeMs}");
        Require(state.Genesis.Validators.Any(v => v.AsSpan().SequenceEqual(header.ProducerKey)), "unknown_producer", $"block {header.Height} producer {header.Producer} is not a validator");
        Require(block.VerifyProducerSignature(), "bad_block_signature", $"block {header.Height} is not signed by its producer");
        Require(block.Transactions.Count <= state.Parameters.MaxBlockTransactions, "too_many_transactions", $"block {header.Height} has {block.Transactions.Count} transactions; at most {state.Parameters.MaxBlockTransactions} are allowed");
        Require(MerkleRoot.OfTransactions(block.Transactions) == header.TransactionsRoot, "bad_tx_root", $"block {header.Height} transactions do not match its tx root");

        var overlay = new StateOverlay(state, header.Height, header.TimeMs);
        var producer = header.Producer;
        for (var index = 0; index < block.Transactions.Count; index++)
        {
            var transaction = block.Transactions[index];
            overlay.TransactionIndex = index;
            var rejection = TransactionExecutor.CheckStateless(transaction, state.Genesis.ChainId, verifySignature: !signaturesVerified)
                ?? TransactionExecutor.Apply(overlay, transaction, producer);
            if (rejection is not null)
            {
                throw new BlockRejectedException(new Rejection(rejection.Reason, $"block {header.Height} transaction {transaction.Hash}: {rejection.Message}"));
            }
        }

        EndBlock(overlay);
        BlockRewards.Apply(overlay, state.Parameters, producer);
        var sealedBlock = overlay.Seal();
        Require(sealedBlock.StateRoot == header.StateRoot, "state_root_mismatch", $"block {header.Height} declares state root {header.StateRoot} but applying it gives {sealedBlock.StateRoot}");
        var receiptsRoot = BlockEvents.ReceiptsRoot(block.Transactions.Count, sealedBlock.Events);
        Require(receiptsRoot == header.ReceiptsRoot, "bad_receipts_root", $"block {header.Height} declares receipts root {header.ReceiptsRoot} but its transactions' results give {receiptsRoot}");
        return sealedBlock.For(block);
    }

    /// <summary>Every module's end-of-block step, in registration order, attributed to no transaction.</summary>
    private static void EndBlock(StateOverlay overlay)
    {
        overlay.TransactionIndex = null;
        foreach (var module in overlay.Committed.Modules.All)
        {
            module.EndBlock(overlay);
        }
    }

    private static void Require(bool condition, string reason, string message)
    {
        if (!condition)
        {
            throw new BlockRejectedException(new Rejection(reason, message));
        }
    }
}
