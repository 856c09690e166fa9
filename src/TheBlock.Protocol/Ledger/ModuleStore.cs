namespace TheBlock.Protocol.Ledger;

/// <summary>
/// The committed key-value state of every module: point reads by hash, range scans in key order. The ordered set holds
/// the entries themselves, so a scan (the treasury walks its live disbursements every block and every executor tick)
/// reads them without a hash lookup per key.
/// </summary>
internal sealed class ModuleStore
{
    private static readonly Entry Highest = new(StateKey.FromBytes(Enumerable.Repeat((byte)0xFF, StateKey.MaxLength).ToArray()), null!);
    private readonly Dictionary<StateKey, Entry> _entries = [];
    private readonly SortedSet<Entry> _ordered = new(Comparer<Entry>.Create((a, b) => a.Key.CompareTo(b.Key)));

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<StateKey, StateValue>> All => _ordered.Select(entry => new KeyValuePair<StateKey, StateValue>(entry.Key, entry.Value));

    public StateValue? Get(StateKey key) => _entries.TryGetValue(key, out var entry) ? entry.Value : null;

    public void Set(StateKey key, StateValue? value)
    {
        if (value is null)
        {
            if (_entries.Remove(key, out var removed))
            {
                _ordered.Remove(removed);
            }
        }
        else if (_entries.TryGetValue(key, out var entry))
        {
            entry.Value = value;
        }
        else
        {
            entry = new Entry(key, value);
            _entries.Add(key, entry);
            _ordered.Add(entry);
        }
    }

    public IEnumerable<KeyValuePair<StateKey, StateValue>> Scan(StateKey prefix)
    {
        foreach (var entry in _ordered.GetViewBetween(new Entry(prefix, null!), Highest))
        {
            if (!entry.Key.StartsWith(prefix))
            {
                yield break;
            }

            yield return new(entry.Key, entry.Value);
        }
    }

    private sealed class Entry(StateKey key, StateValue value)
    {
        public StateKey Key { get; } = key;

        public StateValue Value { get; set; } = value;
    }
}
