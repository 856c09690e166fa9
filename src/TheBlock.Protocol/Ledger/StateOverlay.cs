using TheBlock.Protocol.Primitives;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The changes of one block in progress, layered over the committed <see cref="ChainState"/>, which stays untouched
/// until storage has durably committed them. Checkpoints let a multi-step transaction be undone as a whole.
/// </summary>
public sealed class StateOverlay
{
    private readonly ChainState _base;
    private readonly Dictionary<Address, Account> _dirty = [];
    private readonly List<(Address Address, bool Existed, Account Previous)> _journal = [];
    private readonly List<LedgerEntry> _entries = [];

    public StateOverlay(ChainState committed, ulong height)
    {
        _base = committed;
        Height = height;
        Treasury = committed.Treasury;
        Supply = committed.Supply;
    }

    public ulong Height { get; }

    public TreasuryBalances Treasury { get; private set; }

    public SupplyCounters Supply { get; private set; }

    public IReadOnlyList<LedgerEntry> Entries => _entries;

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

    /// <summary>New CT enters circulation; the caller credits it somewhere in the same block.</summary>
    public void Mint(ulong amount) => Supply = Supply with { Minted = Supply.Minted + amount };

    /// <summary>Genesis allocations are the initial supply, not a mint.</summary>
    public void AddGenesisSupply(ulong amount) => Supply = Supply with { Genesis = Supply.Genesis + amount };

    public OverlayCheckpoint Checkpoint() => new(_journal.Count, _entries.Count, Treasury, Supply);

    public void RevertTo(OverlayCheckpoint checkpoint)
    {
        for (var i = _journal.Count - 1; i >= checkpoint.JournalLength; i--)
        {
            var (address, existed, previous) = _journal[i];
            if (existed)
            {
                _dirty[address] = previous;
            }
            else
            {
                _dirty.Remove(address);
            }
        }

        _journal.RemoveRange(checkpoint.JournalLength, _journal.Count - checkpoint.JournalLength);
        _entries.RemoveRange(checkpoint.EntriesLength, _entries.Count - checkpoint.EntriesLength);
        Treasury = checkpoint.Treasury;
        Supply = checkpoint.Supply;
    }

    /// <summary>
    /// Seals the block: checks that the balances it changed moved by exactly what it minted and burned,
    /// and folds its changes into the state accumulator.
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

        netChange += (Int128)Treasury.Total - _base.Treasury.Total;
        var supplyChange = (Int128)Supply.Expected - _base.Supply.Expected;
        if (netChange != supplyChange)
        {
            throw new InvariantViolationException(
                $"block {Height} changes balances by {netChange} CT but mints minus burns {supplyChange} CT");
        }

        if (Treasury != _base.Treasury)
        {
            accumulator.Remove(StateEntries.Treasury(_base.Treasury));
            accumulator.Add(StateEntries.Treasury(Treasury));
        }

        if (Supply != _base.Supply)
        {
            accumulator.Remove(StateEntries.Supply(_base.Supply));
            accumulator.Add(StateEntries.Supply(Supply));
        }

        return new SealedOverlay(changed, Treasury, Supply, [.. _entries], accumulator);
    }
}
