using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Modules;

/// <summary>
/// The modules a chain runs, checked to fit together: unique names, state prefixes, transaction kind codes, ledger
/// entry kind codes and names, event names, and system account names (the core's transfer kind, ledger kinds and treasury
/// account included). Everything that dispatches by code or name asks here.
/// </summary>
public sealed class ChainModules
{
    private readonly Dictionary<byte, ITransactionType> _types = [];
    private readonly Dictionary<byte, LedgerEntryKind> _ledgerKinds = [];
    private readonly Dictionary<string, LedgerEntryKind> _ledgerKindsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IEventType> _eventTypes = new(StringComparer.Ordinal);

    public ChainModules(IEnumerable<IChainModule> modules)
    {
        All = [.. modules];
        Add(TransferType.Instance, "core");
        foreach (var kind in LedgerEntryKind.Core)
        {
            Add(kind, "core");
        }

        var accounts = new List<string> { Ledger.SystemAccounts.Treasury };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new HashSet<byte>();
        var markets = new List<string>();
        foreach (var module in All)
        {
            Require(names.Add(module.Name), $"two modules are named \"{module.Name}\"");
            Require(prefixes.Add(module.StatePrefix), $"module {module.Name} reuses state prefix {module.StatePrefix}");
            foreach (var type in module.TransactionTypes)
            {
                Add(type, module.Name);
            }

            foreach (var kind in module.LedgerEntryKinds)
            {
                Add(kind, module.Name);
            }

            foreach (var eventType in module.EventTypes)
            {
                Require(_eventTypes.TryAdd(eventType.Name, eventType), $"module {module.Name} reuses event name {eventType.Name}");
            }

            foreach (var market in module.ReceiptMarkets)
            {
                Require(!markets.Contains(market), $"module {module.Name} reuses receipt market \"{market}\"");
                markets.Add(market);
            }

            foreach (var account in module.EscrowAccounts)
            {
                Require(Ledger.SystemAccounts.IsReservedName(account) && !accounts.Contains(account), $"module {module.Name} escrow account \"{account}\" is taken or not a system account name");
                accounts.Add(account);
            }
        }

        SystemAccounts = accounts;
        ReceiptMarkets = markets;
        TreasuryIncomeKinds = All.SelectMany(module => module.TreasuryIncomeKinds).ToHashSet();
        TransactionKinds = [.. _types.Values.Select(type => type.Kind).OrderBy(kind => kind.Code)];
        LedgerEntryKinds = [.. _ledgerKinds.Values.OrderBy(kind => kind.Code)];
    }

    public IReadOnlyList<IChainModule> All { get; }

    /// <summary>The treasury, then every module's escrow accounts, in registration order.</summary>
    public IReadOnlyList<string> SystemAccounts { get; }

    public IReadOnlyList<TransactionKind> TransactionKinds { get; }

    /// <summary>Every market that emits service receipts, in module registration order.</summary>
    public IReadOnlyList<string> ReceiptMarkets { get; }

    public IReadOnlyList<LedgerEntryKind> LedgerEntryKinds { get; }

    /// <summary>Every module's kinds that pay the treasury income (<see cref="IChainModule.TreasuryIncomeKinds"/>).</summary>
    public IReadOnlySet<LedgerEntryKind> TreasuryIncomeKinds { get; }

    public bool IsSystemAccount(string name) => SystemAccounts.Contains(name);

    public ITransactionType? TypeOf(byte code) => _types.GetValueOrDefault(code);

    public LedgerEntryKind? LedgerKindOf(byte code) => _ledgerKinds.TryGetValue(code, out var kind) ? kind : null;

    public IEventType? EventTypeNamed(string name) => _eventTypes.GetValueOrDefault(name);

    public LedgerEntryKind? LedgerKindNamed(string name) => _ledgerKindsByName.TryGetValue(name, out var kind) ? kind : null;

    private void Add(ITransactionType type, string owner) =>
        Require(_types.TryAdd(type.Kind.Code, type), $"{owner} reuses transaction kind code {type.Kind.Code} ({type.Kind.Name})");

    private void Add(LedgerEntryKind kind, string owner)
    {
        Require(_ledgerKinds.TryAdd(kind.Code, kind), $"{owner} reuses ledger entry kind code {kind.Code} ({kind.Name})");
        Require(_ledgerKindsByName.TryAdd(kind.Name, kind), $"{owner} reuses ledger entry kind name {kind.Name}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("chain modules do not fit together: " + message);
        }
    }
}
