using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The committed state after the last block: accounts, treasury, supply, the modules' system balances and key-value
/// state, the chain head and the accumulator that commits to all of it. It changes only through
/// <see cref="Commit"/>, with the effects of the next block.
/// </summary>
public sealed class ChainState : IStateReader
{
    private readonly Dictionary<Address, Account> _accounts;
    private readonly Dictionary<SystemBalanceKey, ulong> _systemBalances = [];
    private readonly ModuleStore _store = new();

    private ChainState(Genesis genesis, ChainModules modules, Dictionary<Address, Account> accounts, TreasuryBalances treasury, SupplyCounters supply)
    {
        Genesis = genesis;
        Modules = modules;
        _accounts = accounts;
        Treasury = treasury;
        Supply = supply;
    }

    public Genesis Genesis { get; }

    public ChainModules Modules { get; }

    public ChainParameters Parameters => Genesis.Parameters;

    public TreasuryBalances Treasury { get; private set; }

    public SupplyCounters Supply { get; private set; }

    public ulong Height { get; private set; }

    public Hash32 LastBlockHash { get; private set; }

    public ulong LastBlockTimeMs { get; private set; }

    public StateAccumulator Accumulator { get; private set; }

    public Hash32 StateRoot => Accumulator.Root();

    public ulong Epoch => Height / Parameters.EpochLength;

    public int AccountCount => _accounts.Count;

    public IEnumerable<KeyValuePair<Address, Account>> Accounts => _accounts;

    /// <summary>Every non-zero system balance of the modules.</summary>
    public IEnumerable<KeyValuePair<SystemBalanceKey, ulong>> SystemBalances => _systemBalances;

    /// <summary>Every module key and value, in key order.</summary>
    public IEnumerable<KeyValuePair<StateKey, StateValue>> ModuleState => _store.All;

    public Account GetAccount(Address address) => _accounts.GetValueOrDefault(address);

    public ulong SystemBalance(SystemBalanceKey key) => _systemBalances.GetValueOrDefault(key);

    public StateValue? Get(StateKey key) => _store.Get(key);

    public IEnumerable<KeyValuePair<StateKey, StateValue>> Scan(StateKey prefix) => _store.Scan(prefix);

    /// <summary>Builds genesis: the allocations and the treasury become block 0, whose previous hash is the genesis hash.</summary>
    public static (ChainState State, BlockEffects Effects) CreateGenesis(Genesis genesis, Hash32 genesisHash, ChainModules modules)
    {
        var problems = genesis.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("invalid genesis: " + string.Join("; ", problems), nameof(genesis));
        }

        var empty = Restore(genesis, modules, 0, Hash32.Zero, 0, [], default, default, [], []);
        var overlay = new StateOverlay(empty, 0, genesis.GenesisTimeMs);
        overlay.AddGenesisSupply(genesis.TotalSupply()!.Value);
        foreach (var allocation in genesis.Allocations)
        {
            overlay.Credit(allocation.Address, allocation.Amount, LedgerEntryKind.Genesis, null);
        }

        overlay.CreditTreasury(SubLedger.Ct, genesis.Treasury.Ct, LedgerEntryKind.Genesis, null);
        overlay.CreditTreasury(SubLedger.It, genesis.Treasury.It, LedgerEntryKind.Genesis, null);
        var sealedGenesis = overlay.Seal();
        var header = new BlockHeader(0, genesis.GenesisTimeMs, genesisHash, Hash32.Zero, BlockEvents.ReceiptsRoot(0, sealedGenesis.Events), sealedGenesis.StateRoot, new byte[32]);
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
        ChainModules modules,
        ulong height,
        Hash32 lastBlockHash,
        ulong lastBlockTimeMs,
        IEnumerable<KeyValuePair<Address, Account>> accounts,
        TreasuryBalances treasury,
        SupplyCounters supply,
        IEnumerable<KeyValuePair<SystemBalanceKey, ulong>> systemBalances,
        IEnumerable<KeyValuePair<StateKey, StateValue>> moduleState)
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
        var state = new ChainState(genesis, modules, map, treasury, supply)
        {
            Height = height,
            LastBlockHash = lastBlockHash,
            LastBlockTimeMs = lastBlockTimeMs,
        };
        foreach (var (key, balance) in systemBalances)
        {
            if (balance != 0)
            {
                state._systemBalances[key] = balance;
                accumulator.Add(StateEntries.SystemBalance(key, balance));
            }
        }

        foreach (var (key, value) in moduleState)
        {
            state._store.Set(key, value);
            accumulator.Add(StateEntries.ModuleEntry(key, value));
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

        foreach (var (key, balance) in effects.ChangedSystemBalances)
        {
            if (balance == 0)
            {
                _systemBalances.Remove(key);
            }
            else
            {
                _systemBalances[key] = balance;
            }
        }

        foreach (var (key, value) in effects.ChangedState)
        {
            _store.Set(key, value);
        }

        Treasury = effects.Treasury;
        Supply = effects.Supply;
        Accumulator = effects.Accumulator;
        Height = header.Height;
        LastBlockHash = effects.Block.Hash;
        LastBlockTimeMs = header.TimeMs;
    }

    /// <summary>
    /// Sums every balance (the full-scan form of the conservation invariant) and runs every module's state
    /// invariants, for start-up, tests and audits.
    /// </summary>
    public void VerifyConservation()
    {
        UInt128 held = Treasury.Total;
        foreach (var account in _accounts.Values)
        {
            held += account.Balance;
        }

        foreach (var balance in _systemBalances.Values)
        {
            held += balance;
        }

        if (held != Supply.Expected)
        {
            throw new InvariantViolationException(
                $"at height {Height} balances add up to {held} CT but genesis + minted - burned is {Supply.Expected} CT");
        }

        foreach (var module in Modules.All)
        {
            module.VerifyState(this);
        }
    }
}
