using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Tests.Ledger;

public class StateOverlayTests
{
    [Fact]
    public void Reverting_to_a_checkpoint_restores_accounts_entries_treasury_and_supply()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        overlay.Debit(chain.AddressOf(0), 10, LedgerEntryKind.TransferOut, "a");
        overlay.Credit(chain.AddressOf(1), 10, LedgerEntryKind.TransferIn, "a");
        var accountsBefore = Enumerable.Range(0, 3).Select(i => overlay.GetAccount(chain.AddressOf(i))).ToList();
        var entriesBefore = overlay.Entries.ToList();
        var treasuryBefore = overlay.Treasury;
        var supplyBefore = overlay.Supply;

        var checkpoint = overlay.Checkpoint();
        overlay.Debit(chain.AddressOf(0), 500, LedgerEntryKind.TransferOut, "b");
        overlay.Credit(chain.AddressOf(1), 400, LedgerEntryKind.TransferIn, "b");
        overlay.Credit(TestKeys.Stranger(0), 100, LedgerEntryKind.TransferIn, "b");
        overlay.SetAccount(chain.AddressOf(2), new Account(1, 99));
        overlay.CreditTreasury(SubLedger.It, 30, LedgerEntryKind.TreasuryAccrual, "b");
        overlay.Mint(30);
        overlay.RevertTo(checkpoint);

        Assert.Equal(accountsBefore, Enumerable.Range(0, 3).Select(i => overlay.GetAccount(chain.AddressOf(i))));
        Assert.Equal(default, overlay.GetAccount(TestKeys.Stranger(0)));
        Assert.Equal(entriesBefore, overlay.Entries);
        Assert.Equal(treasuryBefore, overlay.Treasury);
        Assert.Equal(supplyBefore, overlay.Supply);
    }

    [Fact]
    public void A_reverted_overlay_seals_to_the_same_root_as_one_that_never_made_the_changes()
    {
        var chain = TestChain.Create();
        var reverted = new StateOverlay(chain.State, 1);
        var clean = new StateOverlay(chain.State, 1);
        foreach (var overlay in new[] { reverted, clean })
        {
            overlay.Debit(chain.AddressOf(0), 10, LedgerEntryKind.TransferOut, "a");
            overlay.Credit(chain.AddressOf(1), 10, LedgerEntryKind.TransferIn, "a");
        }

        var checkpoint = reverted.Checkpoint();
        reverted.Debit(chain.AddressOf(1), 10, LedgerEntryKind.TransferOut, "b");
        reverted.Credit(TestKeys.Stranger(1), 10, LedgerEntryKind.TransferIn, "b");
        reverted.RevertTo(checkpoint);

        var sealedReverted = reverted.Seal();
        var sealedClean = clean.Seal();
        Assert.Equal(sealedClean.StateRoot, sealedReverted.StateRoot);
        Assert.Equal(sealedClean.ChangedAccounts, sealedReverted.ChangedAccounts);
    }

    [Fact]
    public void Nested_checkpoints_revert_innermost_first()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        var outer = overlay.Checkpoint();
        overlay.Credit(TestKeys.Stranger(0), 1, LedgerEntryKind.TransferIn, null);
        overlay.Mint(1);
        var inner = overlay.Checkpoint();
        overlay.Credit(TestKeys.Stranger(0), 2, LedgerEntryKind.TransferIn, null);
        overlay.Mint(2);

        overlay.RevertTo(inner);
        Assert.Equal(new Account(1, 0), overlay.GetAccount(TestKeys.Stranger(0)));
        Assert.Equal(1UL, overlay.Supply.Minted);

        overlay.RevertTo(outer);
        Assert.Equal(default, overlay.GetAccount(TestKeys.Stranger(0)));
        Assert.Equal(0UL, overlay.Supply.Minted);
        Assert.Empty(overlay.Entries);
    }

    [Fact]
    public void The_committed_state_is_untouched_until_the_block_is_committed()
    {
        var chain = TestChain.Create();
        var root = chain.State.StateRoot;
        var overlay = new StateOverlay(chain.State, 1);
        overlay.Debit(chain.AddressOf(0), 10, LedgerEntryKind.TransferOut, null);
        overlay.Credit(chain.AddressOf(1), 10, LedgerEntryKind.TransferIn, null);
        overlay.Seal();

        Assert.Equal(root, chain.State.StateRoot);
        Assert.Equal(new Account(1_000_000, 0), chain.State.GetAccount(chain.AddressOf(0)));
    }

    [Fact]
    public void Debiting_more_than_an_account_holds_is_an_invariant_violation()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);

        Assert.Throws<InvariantViolationException>(() => overlay.Debit(TestKeys.Stranger(0), 1, LedgerEntryKind.TransferOut, null));
    }

    [Fact]
    public void Sealing_a_block_that_creates_CT_without_minting_it_is_an_invariant_violation()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        overlay.Credit(TestKeys.Stranger(0), 5, LedgerEntryKind.TransferIn, null);

        var error = Assert.Throws<InvariantViolationException>(() => overlay.Seal());
        Assert.Equal("block 1 changes balances by 5 CT but mints minus burns 0 CT", error.Message);
    }

    [Fact]
    public void Sealing_a_block_whose_treasury_grows_without_a_mint_is_an_invariant_violation()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        overlay.CreditTreasury(SubLedger.Ct, 5, LedgerEntryKind.TreasuryAccrual, null);

        Assert.Throws<InvariantViolationException>(() => overlay.Seal());
    }

    [Fact]
    public void Sealing_folds_exactly_the_changed_entries_into_the_accumulator()
    {
        var chain = TestChain.Create();
        var overlay = new StateOverlay(chain.State, 1);
        overlay.Debit(chain.AddressOf(0), 10, LedgerEntryKind.TransferOut, null);
        overlay.Credit(TestKeys.Stranger(0), 10, LedgerEntryKind.TransferIn, null);
        var sealedOverlay = overlay.Seal();

        // Recompute from scratch, as a node does at start-up, and compare.
        var accounts = chain.State.Accounts.ToDictionary(p => p.Key, p => p.Value);
        foreach (var (address, account) in sealedOverlay.ChangedAccounts)
        {
            accounts[address] = account;
        }

        var restored = ChainState.Restore(chain.Genesis, chain.State.Modules, 1, default, 0, accounts, sealedOverlay.Treasury, sealedOverlay.Supply, chain.State.SystemBalances, chain.State.ModuleState);
        Assert.Equal(restored.StateRoot, sealedOverlay.StateRoot);
        Assert.Equal(restored.Accumulator, sealedOverlay.Accumulator);
    }
}
