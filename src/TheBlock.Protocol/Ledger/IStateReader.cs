using TheBlock.Protocol.Chain;

namespace TheBlock.Protocol.Ledger;

/// <summary>
/// What a module reads, the same whether it looks at the committed state or at a block in progress: its own keys,
/// the balances of its system accounts, and the chain's genesis (its parameters).
/// </summary>
public interface IStateReader
{
    Genesis Genesis { get; }

    StateValue? Get(StateKey key);

    /// <summary>Every live key starting with <paramref name="prefix"/>, in key order.</summary>
    IEnumerable<KeyValuePair<StateKey, StateValue>> Scan(StateKey prefix);

    ulong SystemBalance(SystemBalanceKey key);
}
