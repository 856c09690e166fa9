using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The changes of one block in progress, layered over the committed <see cref="ChainState"/>, which stays untouched
/// until storage has durably committed them: accounts, the treasury, the supply, modules' system balances and
/// key-value entries, ledger entries and events. Every change is journaled, so a checkpoint undoes a failing
/// transaction as a whole.
/// </summary>
public sealed class StateOverlay : IStateReader
{
    private readonly ChainState _base;
    private readonly Dictionary<Address, Account> _dirty = [];
    private readonly List<(Address Address, bool Existed, Account Previous)> _journal = [];
    private readonly Dictionary<SystemBalanceKey, ulong> _systemBalances = [];
    private readonly List<(SystemBalanceKey Key, bool Existed, ulong Previous)> _systemJournal = [];
    private readonly Dictionary<StateKey, StateValue?> _state = [];
    private readonly List<(StateKey Key, bool Existed, StateValue? Previous)> _stateJournal = [];
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<EmittedEvent> _events = [];

    public StateOverlay(ChainState committed, ulong height, ulong timeMs = 0)
    {
        _base = committed;
        Height = height;
        TimeMs = timeMs;
        Treasury = committed.Treasury;
        Supply = committed.Supply;
    }

    public ulong Height { get; }

    /// <summary>The block's time (unix ms): the clock of everything this block does.</summary>
    public ulong TimeMs { get; }

    public ulong UnixSeconds => TimeMs / 1000;

    public ulong Epoch => Height / _base.Parameters.EpochLength;

    public ChainState Committed => _base;

    public Genesis Genesis => _base.Genesis;

    public TreasuryBalances Treasury { get; private set; }

    public SupplyCounters Supply { get; private set; }

    public IReadOnlyList<LedgerEntry> Entries => _entries;

    public IReadOnlyList<EmittedEvent> Events => _events;

    /// <summary>Signatures the host already verified (a proposer's admitted receipts); rules may skip verifying those, never trust anything else.</summary>
    public IVerifiedSignatures? VerifiedSignatures { get; init; }

    /// <summary>The index in the block of the transaction being applied; null during end-of-block steps.</summary>
    public int? TransactionIndex { get; set; }

    public Account GetAccount(Address address) => _dirty.TryGetValue(address, out var account) ? account : _base.GetAccount(address);

    public void SetAccount(Address address, Account account)
    {
        var existed = _dirty.TryGetValue(address, out var previous);
        _journal.Add((address, existed, previous));
        _dirty[address] = account;
    }

    public void Credit(Address address, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        var account = GetAccount(address);
        SetAccount(address, account with { Balance = account.Balance + amount });
        _entries.Add(new LedgerEntry(Height, LedgerAccount.Of(address), checked((long)amount), kind, reference));
    }

    /// <summary>Takes <paramref name="amount"/> from an account that must hold it: callers check the balance first.</summary>
    public void Debit(Address address, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        var account = GetAccount(address);
        if (account.Balance < amount)
        {
            throw new InvariantViolationException($"debit of {amount} from {address} exceeds its balance {account.Balance}");
        }

        SetAccount(address, account with { Balance = account.Balance - amount });
        _entries.Add(new LedgerEntry(Height, LedgerAccount.Of(address), -checked((long)amount), kind, reference));
    }

    public void CreditTreasury(SubLedger subLedger, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        Treasury = subLedger == SubLedger.Ct ? Treasury with { Ct = Treasury.Ct + amount } : Treasury with { It = Treasury.It + amount };
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.Treasury), checked((long)amount), kind, reference, subLedger));
    }

    /// <summary>Takes <paramref name="amount"/> from a treasury sub-ledger that must hold it: callers check first.</summary>
    public void DebitTreasury(SubLedger subLedger, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        var held = subLedger == SubLedger.Ct ? Treasury.Ct : Treasury.It;
        if (held < amount)
        {
            throw new InvariantViolationException($"{SystemAccounts.Treasury} {SubLedgers.Name(subLedger)} holds {held} CT; cannot take {amount} CT");
        }

        Treasury = subLedger == SubLedger.Ct ? Treasury with { Ct = Treasury.Ct - amount } : Treasury with { It = Treasury.It - amount };
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.Treasury), -checked((long)amount), kind, reference, subLedger));
    }

    public ulong SystemBalance(SystemBalanceKey key) =>
        _systemBalances.TryGetValue(key, out var balance) ? balance : _base.SystemBalance(key);

    public void CreditSystem(SystemBalanceKey key, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        SetSystemBalance(key, checked(SystemBalance(key) + amount));
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(key.Account), checked((long)amount), kind, reference, key.SubLedger));
    }

    /// <summary>Takes <paramref name="amount"/> from a system account that must hold it: callers check first.</summary>
    public void DebitSystem(SystemBalanceKey key, ulong amount, LedgerEntryKind kind, string? reference)
    {
        if (amount == 0)
        {
            return;
        }

        var held = SystemBalance(key);
        if (held < amount)
        {
            throw new InvariantViolationException($"{key.Account} {SubLedgers.Name(key.SubLedger)} holds {held} CT; cannot take {amount} CT");
        }

        SetSystemBalance(key, held - amount);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(key.Account), -checked((long)amount), kind, reference, key.SubLedger));
    }

    /// <summary>New CT enters circulation; the caller credits it somewhere in the same block.</summary>
    public void Mint(ulong amount) => Supply = Supply with { Minted = Supply.Minted + amount };

    /// <summary>Genesis allocations are the initial supply, not a mint.</summary>
    public void AddGenesisSupply(ulong amount) => Supply = Supply with { Genesis = Supply.Genesis + amount };

    public StateValue? Get(StateKey key) => _state.TryGetValue(key, out var changed) ? changed : _base.Get(key);

    public void Put(StateKey key, StateValue value) => SetState(key, value);

    public void Delete(StateKey key)
    {
        if (Get(key) is not null)
        {
            SetState(key, null);
        }
    }

    /// <summary>The committed keys under <paramref name="prefix"/> merged with this block's changes, in key order.</summary>
    public IEnumerable<KeyValuePair<StateKey, StateValue>> Scan(StateKey prefix)
    {
        var changed = _state.Keys.Where(key => key.StartsWith(prefix)).Order().ToList();
        var index = 0;
        foreach (var (key, value) in _base.Scan(prefix))
        {
            for (; index < changed.Count && changed[index].CompareTo(key) <= 0; index++)
            {
                if (_state[changed[index]] is { } newer)
                {
                    yield return new(changed[index], newer);
                }
            }

            if (!_state.ContainsKey(key))
            {
                yield return new(key, value);
            }
        }

        for (; index < changed.Count; index++)
        {
            if (_state[changed[index]] is { } newer)
            {
                yield return new(changed[index], newer);
            }
        }
    }

    /// <summary>
    /// Each key under <paramref name="prefix"/> this block changed, with its committed value and its value now (null:
    /// absent), so a module can check an invariant at the cost of what the block touched.
    /// </summary>
    public IEnumerable<(StateKey Key, StateValue? Before, StateValue? After)> ChangesUnder(StateKey prefix)
    {
        foreach (var (key, value) in _state)
        {
            if (key.StartsWith(prefix))
            {
                yield return (key, _base.Get(key), value);
            }
        }
    }

    public void Emit(ChainEvent chainEvent) => _events.Add(new EmittedEvent(TransactionIndex, chainEvent));

    public OverlayCheckpoint Checkpoint() =>
        new(_journal.Count, _systemJournal.Count, _stateJournal.Count, _entries.Count, _events.Count, Treasury, Supply);

    public void RevertTo(OverlayCheckpoint checkpoint)
    {
        Undo(_journal, checkpoint.AccountJournalLength, _dirty);
        Undo(_systemJournal, checkpoint.SystemJournalLength, _systemBalances);
        Undo(_stateJournal, checkpoint.StateJournalLength, _state);
        _entries.RemoveRange(checkpoint.EntriesLength, _entries.Count - checkpoint.EntriesLength);
        _events.RemoveRange(checkpoint.EventsLength, _events.Count - checkpoint.EventsLength);
        Treasury = checkpoint.Treasury;
        Supply = checkpoint.Supply;
    }

    /// <summary>
    /// Seals the block: checks that the balances it changed (accounts, treasury, modules' system accounts) moved by
    /// exactly what it minted and burned, runs every module's block invariants, and folds the changes into the
    /// state accumulator.
    /// </summary>
    public SealedOverlay Seal()
    {
        var changed = _dirty.OrderBy(pair => pair.Key).ToList();
        var accumulator = _base.Accumulator;
        Int128 netChange = 0;
        foreach (var (address, account) in changed)
        {
            var before = _base.GetAccount(address);
            netChange += (Int128)account.Balance - before.Balance;
            if (!before.IsEmpty)
            {
                accumulator.Remove(StateEntries.Account(address, before));
            }

            if (!account.IsEmpty)
            {
                accumulator.Add(StateEntries.Account(address, account));
            }
        }

        var systemBalances = _systemBalances.OrderBy(pair => pair.Key).ToList();
        foreach (var (key, balance) in systemBalances)
        {
            var before = _base.SystemBalance(key);
            netChange += (Int128)balance - before;
            if (before != 0)
            {
                accumulator.Remove(StateEntries.SystemBalance(key, before));
            }

            if (balance != 0)
            {
                accumulator.Add(StateEntries.SystemBalance(key, balance));
            }
        }

        netChange += (Int128)Treasury.Total - _base.Treasury.Total;
        var supplyChange = (Int128)Supply.Expected - _base.Supply.Expected;
        if (netChange != supplyChange)
        {
            throw new InvariantViolationException(
                $"block {Height} changes balances by {netChange} CT but mints minus burns {supplyChange} CT");
        }

        foreach (var module in _base.Modules.All)
        {
            module.VerifyBlock(this);
        }

        Replace(ref accumulator, _base.Treasury, Treasury, StateEntries.Treasury);
        Replace(ref accumulator, _base.Supply, Supply, StateEntries.Supply);
        var state = _state.ToList();
        state.Sort((left, right) => left.Key.CompareTo(right.Key));
        foreach (var (key, value) in state)
        {
            if (_base.Get(key) is { } before)
            {
                accumulator.CombineModuleEntry(key, before, remove: true);
            }

            if (value is not null)
            {
                accumulator.CombineModuleEntry(key, value, remove: false);
            }
        }

        return new SealedOverlay(changed, Treasury, Supply, [.. _entries], accumulator)
        {
            ChangedSystemBalances = systemBalances,
            ChangedState = state,
            Events = [.. _events],
        };
    }

    private void SetSystemBalance(SystemBalanceKey key, ulong balance)
    {
        var existed = _systemBalances.TryGetValue(key, out var previous);
        _systemJournal.Add((key, existed, previous));
        _systemBalances[key] = balance;
    }

    private void SetState(StateKey key, StateValue? value)
    {
        var existed = _state.TryGetValue(key, out var previous);
        _stateJournal.Add((key, existed, previous));
        _state[key] = value;
    }

    private static void Undo<TKey, TValue>(List<(TKey Key, bool Existed, TValue Previous)> journal, int length, Dictionary<TKey, TValue> values)
        where TKey : notnull
    {
        for (var i = journal.Count - 1; i >= length; i--)
        {
            var (key, existed, previous) = journal[i];
            if (existed)
            {
                values[key] = previous;
            }
            else
            {
                values.Remove(key);
            }
        }

        journal.RemoveRange(length, journal.Count - length);
    }

    private static void Replace<T>(ref StateAccumulator accumulator, T before, T after, Func<T, byte[]> entry)
        where T : IEquatable<T>
    {
        if (!before.Equals(after))
        {
            accumulator.Remove(entry(before));
            accumulator.Add(entry(after));
        }
    }
}
