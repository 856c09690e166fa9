using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The committed state after the last block: accounts, treasury, supply, the governance book (disbursements, escrow,
/// executor lease), the chain head and the accumulator that commits to all of it. It changes only through <see cref="Commit"/>, with the effects of the next block.
/// </summary>
public sealed class ChainState
{
    private readonly Dictionary<Address, Account> _accounts;

    private ChainState(Genesis genesis, Dictionary<Address, Account> accounts, TreasuryBalances treasury, SupplyCounters supply)
    {
        Genesis = genesis;
        _accounts = accounts;
        Treasury = treasury;
        Supply = supply;
    }

    public Genesis Genesis { get; }

    public ChainParameters Parameters => Genesis.Parameters;

    public TreasuryBalances Treasury { get; private set; }

    public TreasuryBook Book { get; } = new();

    public SupplyCounters Supply { get; private set; }

    /// <summary>What the executed, unfinalized disbursements hold in escrow, per sub-ledger; kept up to date by <see cref="Commit"/>.</summary>
    public TreasuryBalances EscrowOwed { get; private set; }

    public ulong Height { get; private set; }

    public Hash32 LastBlockHash { get; private set; }

    public ulong LastBlockTimeMs { get; private set; }

    public StateAccumulator Accumulator { get; private set; }

    public Hash32 StateRoot => Accumulator.Root();

    public ulong Epoch => Height / Parameters.EpochLength;

    public int AccountCount => _accounts.Count;

    public IEnumerable<KeyValuePair<Address, Account>> Accounts => _accounts;

    public Account GetAccount(Address address) => _accounts.GetValueOrDefault(address);

    /// <summary>Builds genesis: the allocations and the treasury become block 0, whose previous hash is the genesis hash.</summary>
    public static (ChainState State, BlockEffects Effects) CreateGenesis(Genesis genesis, Hash32 genesisHash)
    {
        var problems = genesis.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid genesis: " + string.Join("; ", problems), nameof(genesis));
        }

        var empty = Restore(genesis, 0, Hash32.Zero, 0, [], default, default, TreasuryRecords.Empty);
        var overlay = new StateOverlay(empty, 0, genesis.GenesisTimeMs);
        overlay.AddGenesisSupply(genesis.TotalSupply()!.Value);
        foreach (var allocation in genesis.Allocations)
        {
            overlay.Credit(allocation.Address, allocation.Amount, LedgerEntryKind.Genesis, null);
        }

        overlay.CreditTreasury(SubLedger.Ct, genesis.Treasury.Ct, LedgerEntryKind.Genesis, null);
        overlay.CreditTreasury(SubLedger.It, genesis.Treasury.It, LedgerEntryKind.Genesis, null);
        var sealedGenesis = overlay.Seal();
        var header = new BlockHeader(0, genesis.GenesisTimeMs, genesisHash, Hash32.Zero, Hash32.Zero, sealedGenesis.StateRoot, new byte[32]);
        var effects = sealedGenesis.For(new Block(header, [], new byte[64]));
        empty.Commit(effects);
        return (empty, effects);
    }

    /// <summary>
    /// Rebuilds the state stored after block <paramref name="height"/> and recomputes its accumulator from scratch,
    /// so the caller can compare the root with the one the block header carries.
    /// </summary>
    public static ChainState Restore(
        Genesis genesis,
        ulong height,
        Hash32 lastBlockHash,
        ulong lastBlockTimeMs,
        IEnumerable<KeyValuePair<Address, Account>> accounts,
        TreasuryBalances treasury,
        SupplyCounters supply,
        TreasuryRecords treasuryRecords)
    {
        var map = new Dictionary<Address, Account>();
        var accumulator = default(StateAccumulator);
        foreach (var (address, account) in accounts)
        {
            if (account.IsEmpty)
            {
                continue;
            }

            map[address] = account;
            accumulator.Add(StateEntries.Account(address, account));
        }

        accumulator.Add(StateEntries.Treasury(treasury));
        accumulator.Add(StateEntries.Supply(supply));
        var state = new ChainState(genesis, map, treasury, supply)
        {
            Height = height,
            LastBlockHash = lastBlockHash,
            LastBlockTimeMs = lastBlockTimeMs,
        };
        foreach (var disbursement in treasuryRecords.Disbursements)
        {
            state.EscrowOwed = EscrowIdentity.Update(state.EscrowOwed, null, disbursement);
            state.Book.Put(disbursement);
            accumulator.Add(StateEntries.Disbursement(disbursement));
        }

        state.Book.SetScalars(treasuryRecords.NextId, treasuryRecords.Escrow, treasuryRecords.Lease);
        accumulator.Add(StateEntries.Escrow(treasuryRecords.Escrow));
        accumulator.Add(StateEntries.NextDisbursementId(treasuryRecords.NextId));
        if (treasuryRecords.Lease is { } lease)
        {
            accumulator.Add(StateEntries.Lease(lease));
        }

        state.Accumulator = accumulator;
        return state;
    }

    /// <summary>Applies a block's effects once storage has committed them.</summary>
    public void Commit(BlockEffects effects)
    {
        var header = effects.Block.Header;
        var isGenesis = header.Height == 0 && Height == 0 && LastBlockHash.IsZero;
        if (!isGenesis && (header.Height != Height + 1 || header.PreviousHash != LastBlockHash))
        {
            throw new InvariantViolationException(
                $"block {header.Height} on parent {header.PreviousHash} committed on top of height {Height} ({LastBlockHash})");
        }

        foreach (var (address, account) in effects.ChangedAccounts)
        {
            if (account.IsEmpty)
            {
                _accounts.Remove(address);
            }
            else
            {
                _accounts[address] = account;
            }
        }

        foreach (var disbursement in effects.ChangedDisbursements)
        {
            EscrowOwed = EscrowIdentity.Update(EscrowOwed, Book.Active.GetValueOrDefault(disbursement.Id), disbursement);
            Book.Put(disbursement);
        }

        Book.SetScalars(effects.NextDisbursementId, effects.Escrow, effects.Lease);
        Treasury = effects.Treasury;
        Supply = effects.Supply;
        Accumulator = effects.Accumulator;
        Height = header.Height;
        LastBlockHash = effects.Block.Hash;
        LastBlockTimeMs = header.TimeMs;
    }

    /// <summary>Sums every balance: the full-scan form of the conservation invariant, for start-up, tests and audits.</summary>
    public void VerifyConservation()
    {
        UInt128 held = (UInt128)Treasury.Total + Book.Escrow.Total;
        foreach (var account in _accounts.Values)
        {
            held += account.Balance;
        }

        if (held != Supply.Expected)
        {
            throw new InvariantViolationException(
                $"at height {Height} balances add up to {held} CT but genesis + minted - burned is {Supply.Expected} CT");
        }

        var owed = default(TreasuryBalances);
        foreach (var disbursement in Book.ActiveInOrder)
        {
            owed = EscrowIdentity.Update(owed, null, disbursement);
        }

        EscrowIdentity.Verify(Height, Book.Escrow, owed);
        if (owed != EscrowOwed)
        {
            throw new InvariantViolationException($"at height {Height} the running escrow tally {EscrowOwed} differs from the executed disbursements' {owed}");
        }
    }
}
