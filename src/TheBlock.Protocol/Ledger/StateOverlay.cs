using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Treasury;

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
    private readonly SortedDictionary<ulong, Disbursement> _disbursements = [];
    private readonly List<(ulong Id, Disbursement? Previous)> _disbursementJournal = [];

    public StateOverlay(ChainState committed, ulong height, ulong timeMs = 0)
    {
        _base = committed;
        Height = height;
        TimeMs = timeMs;
        Treasury = committed.Treasury;
        Supply = committed.Supply;
        Escrow = committed.Book.Escrow;
        NextDisbursementId = committed.Book.NextId;
        Lease = committed.Book.Lease;
    }

    public ulong Height { get; }

    /// <summary>The block's time (unix ms): the clock of everything this block does.</summary>
    public ulong TimeMs { get; }

    public ulong UnixSeconds => TimeMs / 1000;

    public ulong Epoch => Height / _base.Parameters.EpochLength;

    public ChainState Committed => _base;

    public TreasuryBalances Treasury { get; private set; }

    public TreasuryBalances Escrow { get; private set; }

    public SupplyCounters Supply { get; private set; }

    public ulong NextDisbursementId { get; private set; }

    public ExecutorLease? Lease { get; private set; }

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

        Treasury = Add(Treasury, subLedger, amount);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.Treasury), checked((long)amount), kind, reference, subLedger));
    }

    /// <summary>Pays <paramref name="amount"/> of a treasury sub-ledger into escrow (the caller checked it is there).</summary>
    public void MoveTreasuryToEscrow(SubLedger subLedger, ulong amount, string reference)
    {
        if (amount == 0)
        {
            return;
        }

        Treasury = Subtract(Treasury, subLedger, amount, SystemAccounts.Treasury);
        Escrow = Add(Escrow, subLedger, amount);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.Treasury), -checked((long)amount), LedgerEntryKind.DisbursementPayout, reference, subLedger));
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.TreasuryEscrow), checked((long)amount), LedgerEntryKind.DisbursementEscrow, reference, subLedger));
    }

    /// <summary>Releases escrowed funds of a finalized disbursement to its destination.</summary>
    public void ReleaseEscrow(SubLedger subLedger, ulong amount, Address destination, string reference)
    {
        if (amount == 0)
        {
            return;
        }

        Escrow = Subtract(Escrow, subLedger, amount, SystemAccounts.TreasuryEscrow);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.TreasuryEscrow), -checked((long)amount), LedgerEntryKind.DisbursementRelease, reference, subLedger));
        Credit(destination, amount, LedgerEntryKind.DisbursementReceived, reference);
    }

    /// <summary>Returns a rolled-back disbursement's escrowed funds to the treasury sub-ledger they came from.</summary>
    public void RefundEscrow(SubLedger subLedger, ulong amount, string reference)
    {
        if (amount == 0)
        {
            return;
        }

        Escrow = Subtract(Escrow, subLedger, amount, SystemAccounts.TreasuryEscrow);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.TreasuryEscrow), -checked((long)amount), LedgerEntryKind.DisbursementRefund, reference, subLedger));
        Treasury = Add(Treasury, subLedger, amount);
        _entries.Add(new LedgerEntry(Height, LedgerAccount.OfSystem(SystemAccounts.Treasury), checked((long)amount), LedgerEntryKind.DisbursementRefund, reference, subLedger));
    }

    /// <summary>New CT enters circulation; the caller credits it somewhere in the same block.</summary>
    public void Mint(ulong amount) => Supply = Supply with { Minted = Supply.Minted + amount };

    /// <summary>Genesis allocations are the initial supply, not a mint.</summary>
    public void AddGenesisSupply(ulong amount) => Supply = Supply with { Genesis = Supply.Genesis + amount };

    /// <summary>The newest version of a disbursement that was not final when this block began, else null.</summary>
    public Disbursement? GetDisbursement(ulong id) =>
        _disbursements.TryGetValue(id, out var changed) ? changed : _base.Book.Active.GetValueOrDefault(id);

    /// <summary>The state of any existing disbursement as of now in this block; null if the id does not exist.</summary>
    public DisbursementState? StateOf(ulong id) =>
        _disbursements.TryGetValue(id, out var changed) ? changed.State
        : id >= _base.Book.NextId && id < NextDisbursementId ? null
        : _base.Book.StateOf(id);

    /// <summary>Every disbursement not final at the start of this block or created in it, newest versions, by id.</summary>
    public IEnumerable<Disbursement> DisbursementsInPlay()
    {
        var ids = new SortedSet<ulong>(_base.Book.Active.Keys);
        ids.UnionWith(_disbursements.Keys);
        foreach (var id in ids)
        {
            yield return GetDisbursement(id)!;
        }
    }

    public ulong AllocateDisbursementId() => NextDisbursementId++;

    public void PutDisbursement(Disbursement disbursement)
    {
        _disbursementJournal.Add((disbursement.Id, _disbursements.GetValueOrDefault(disbursement.Id)));
        _disbursements[disbursement.Id] = disbursement;
    }

    public void SetLease(ExecutorLease lease) => Lease = lease;

    public OverlayCheckpoint Checkpoint() =>
        new(_journal.Count, _entries.Count, _disbursementJournal.Count, Treasury, Escrow, Supply, NextDisbursementId, Lease);

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

        for (var i = _disbursementJournal.Count - 1; i >= checkpoint.DisbursementJournalLength; i--)
        {
            var (id, previous) = _disbursementJournal[i];
            if (previous is null)
            {
                _disbursements.Remove(id);
            }
            else
            {
                _disbursements[id] = previous;
            }
        }

        _journal.RemoveRange(checkpoint.JournalLength, _journal.Count - checkpoint.JournalLength);
        _entries.RemoveRange(checkpoint.EntriesLength, _entries.Count - checkpoint.EntriesLength);
        _disbursementJournal.RemoveRange(checkpoint.DisbursementJournalLength, _disbursementJournal.Count - checkpoint.DisbursementJournalLength);
        Treasury = checkpoint.Treasury;
        Escrow = checkpoint.Escrow;
        Supply = checkpoint.Supply;
        NextDisbursementId = checkpoint.NextDisbursementId;
        Lease = checkpoint.Lease;
    }

    /// <summary>
    /// Seals the block: checks that the balances it changed (accounts, treasury, escrow) moved by exactly what it
    /// minted and burned and that escrow holds, per sub-ledger, what the executed disbursements are owed, and folds its changes into the state accumulator.
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
        netChange += (Int128)Escrow.Total - _base.Book.Escrow.Total;
        var supplyChange = (Int128)Supply.Expected - _base.Supply.Expected;
        if (netChange != supplyChange)
        {
            throw new InvariantViolationException(
                $"block {Height} changes balances by {netChange} CT but mints minus burns {supplyChange} CT");
        }

        // The escrow identity, per sub-ledger, from what escrow owed before this block and the disbursements it changed.
        var owed = _base.EscrowOwed;
        foreach (var disbursement in _disbursements.Values)
        {
            owed = EscrowIdentity.Update(owed, _base.Book.Active.GetValueOrDefault(disbursement.Id), disbursement);
        }

        EscrowIdentity.Verify(Height, Escrow, owed);

        Replace(ref accumulator, _base.Treasury, Treasury, StateEntries.Treasury);
        Replace(ref accumulator, _base.Book.Escrow, Escrow, StateEntries.Escrow);
        Replace(ref accumulator, _base.Supply, Supply, StateEntries.Supply);
        Replace(ref accumulator, _base.Book.NextId, NextDisbursementId, StateEntries.NextDisbursementId);
        if (Lease != _base.Book.Lease)
        {
            if (_base.Book.Lease is { } previousLease)
            {
                accumulator.Remove(StateEntries.Lease(previousLease));
            }

            accumulator.Add(StateEntries.Lease(Lease!));
        }

        var disbursements = _disbursements.Values.ToList();
        foreach (var disbursement in disbursements)
        {
            if (_base.Book.Active.TryGetValue(disbursement.Id, out var previous))
            {
                accumulator.Remove(StateEntries.Disbursement(previous));
            }

            accumulator.Add(StateEntries.Disbursement(disbursement));
        }

        return new SealedOverlay(changed, Treasury, Supply, [.. _entries], accumulator)
        {
            Escrow = Escrow,
            ChangedDisbursements = disbursements,
            NextDisbursementId = NextDisbursementId,
            Lease = Lease,
        };
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

    private static TreasuryBalances Add(TreasuryBalances balances, SubLedger subLedger, ulong amount) =>
        subLedger == SubLedger.Ct ? balances with { Ct = balances.Ct + amount } : balances with { It = balances.It + amount };

    private static TreasuryBalances Subtract(TreasuryBalances balances, SubLedger subLedger, ulong amount, string account)
    {
        var held = subLedger == SubLedger.Ct ? balances.Ct : balances.It;
        if (held < amount)
        {
            throw new InvariantViolationException($"{account} {SubLedgers.Name(subLedger)} holds {held} CT; cannot take {amount} CT");
        }

        return subLedger == SubLedger.Ct ? balances with { Ct = balances.Ct - amount } : balances with { It = balances.It - amount };
    }
}
