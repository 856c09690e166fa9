namespace TheBlock.Protocol.Ledger;

/// <summary>The committed key-value state of every module: point reads by hash, range scans in key order.</summary>
internal sealed class ModuleStore
{
    private static readonly StateKey Highest = StateKey.FromBytes(Enumerable.Repeat((byte)0xFF, StateKey.MaxLength).ToArray());
    private readonly Dictionary<StateKey, StateValue> _values = [];
    private readonly SortedSet<StateKey> _keys = [];

    public int Count => _values.Count;

    public IEnumerable<KeyValuePair<StateKey, StateValue>> All => _keys.Select(key => new KeyValuePair<StateKey, StateValue>(key, _values[key]));

    public StateValue? Get(StateKey key) => _values.GetValueOrDefault(key);

    public void Set(StateKey key, StateValue? value)
    {
        if (value is null)
        {
            _values.Remove(key);
            _keys.Remove(key);
        }
        else
        {
            _values[key] = value;
            _keys.Add(key);
        }
    }

    public IEnumerable<KeyValuePair<StateKey, StateValue>> Scan(StateKey prefix)
    {
        foreach (var key in _keys.GetViewBetween(prefix, Highest))
        {
            if (!key.StartsWith(prefix))
            {
                yield break;
            }

            yield return new(key, _values[key]);
        }
    }
}
