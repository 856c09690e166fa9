using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Testing.Energy;

/// <summary>
/// A chain in memory with the energy market's actors: key 0 owns providers, key 1 is their offtaker, key 2 carries
/// reading batches (as a node does), key 3 is an outsider; the validator resolves disputes. Providers' meters sign
/// with <see cref="MeterKey"/>. Short windows (dispute 2 blocks, expiry 3 more) keep lifecycles a few blocks long.
/// </summary>
public sealed class EnergyScenario : TestChain
{
    public const ulong DisputeWindow = 2;
    public const ulong ExpiryBlocks = 3;
    public const ulong MinStake = 1_000;
    public const ulong FeeBps = 250;
    public const ulong SlashBps = 1_000;

    private readonly Dictionary<(string, string), (ulong Nonce, ulong Timestamp)> _signed = [];
    private readonly Dictionary<ulong, Credit> _credits = [];

    private EnergyScenario(Genesis genesis)
        : base(genesis, TestGenesis.DefaultHash, [.. Enumerable.Range(0, 4).Select(TestKeys.Key)], TestKeys.KeyFor("validator"))
    {
    }

    public SigningKey Owner => Keys[0];

    public SigningKey Offtaker => Keys[1];

    public SigningKey Carrier => Keys[2];

    public SigningKey Outsider => Keys[3];

    public static SigningKey MeterKey { get; } = TestKeys.KeyFor("meter");

    public static SigningKey OtherMeterKey { get; } = TestKeys.KeyFor("meter/other");

    /// <summary>The unix seconds the next block is stamped with.</summary>
    public ulong NowSeconds => NextTimeMs / 1000;

    public EnergyParameters Energy => EnergyParameters.Of(Genesis);

    public static EnergyScenario Create(IReadOnlyDictionary<string, ulong>? overrides = null)
    {
        var parameters = new Dictionary<string, ulong>
        {
            ["dispute_window_blocks"] = DisputeWindow,
            ["expiry_blocks"] = ExpiryBlocks,
            ["min_stake"] = MinStake,
            ["fee_bps"] = FeeBps,
            ["slash_bps"] = SlashBps,
        };
        foreach (var (name, value) in overrides ?? new Dictionary<string, ulong>())
        {
            parameters[name] = value;
        }

        var genesis = TestGenesis.Create(accounts: 4, blockReward: 0) with
        {
            Modules = new ModuleParameters(new Dictionary<string, IReadOnlyDictionary<string, ulong>> { [EnergyModule.ModuleName] = parameters }),
        };
        return new EnergyScenario(genesis);
    }

    public static ProviderTerms Terms(Address offtaker, ulong pricePerKwh = 3, ulong capacityKwh = 10_000, params string[] meters) =>
        new(meters.Length == 0 ? ["meter_001", "meter_002"] : meters, capacityKwh, pricePerKwh, "US-CA", offtaker);

    public Transaction RegisterTx(string providerId = "provider_usa_001", ulong stake = 10_000, ulong pricePerKwh = 3, SigningKey? meterKey = null, SigningKey? owner = null) =>
        SignNext(owner ?? Owner, new ProviderRegisterPayload(providerId, (meterKey ?? MeterKey).PublicKey, Terms(Offtaker.Address, pricePerKwh), stake));

    public ProposedBlock Include(params Transaction[] transactions) => ProposeAndCommit(transactions);

    /// <summary>Commits <paramref name="blocks"/> empty blocks.</summary>
    public void Advance(int blocks) => CommitEmptyBlocksUntil(State.Height + (ulong)blocks);

    /// <summary>Includes one transaction (signed with <see cref="TestChain.Sign"/>, at the committed nonce) and returns its rejection, or null when the block applied it.</summary>
    public Rejection? Apply(Transaction transaction)
    {
        var block = ProposeAndCommit(transaction);
        return block.Dropped.Count == 0 ? null : block.Dropped[0].Rejection;
    }

    public void Register(string providerId = "provider_usa_001", ulong stake = 10_000, ulong pricePerKwh = 3) =>
        Commit(ProposeIncluding([RegisterTx(providerId, stake, pricePerKwh)]));

    public void Deposit(ulong amount) => Commit(ProposeIncluding([SignNext(Offtaker, new EscrowDepositPayload(amount))]));

    /// <summary>A reading signed by <paramref name="key"/> (the meter key by default) with the meter's next nonce and a timestamp after its last (now, or later), unless given.</summary>
    public SignedReading Reading(string meter, ulong totalKwh, string providerId = "provider_usa_001", ulong? timestamp = null, ulong? nonce = null, SigningKey? key = null)
    {
        var last = _signed.GetValueOrDefault((providerId, meter));
        var next = nonce ?? last.Nonce + 1;
        var ts = timestamp ?? Math.Max(NowSeconds, last.Timestamp + 1);
        _signed[(providerId, meter)] = (Math.Max(next, last.Nonce), Math.Max(ts, last.Timestamp));
        var message = SignedReading.SigningMessage(providerId, meter, totalKwh, ts, next);
        return new SignedReading(providerId, meter, totalKwh, ts, next, (key ?? MeterKey).Sign(message));
    }

    /// <summary>Carries the readings in one batch and returns the block's events for them.</summary>
    public IReadOnlyList<ChainEvent> Submit(params SignedReading[] readings)
    {
        var block = ProposeIncluding([SignNext(Carrier, new ReadingBatchPayload(readings))]);
        Commit(block);
        return [.. block.Effects.Events.Where(e => e.TransactionIndex is not null).Select(e => e.Event)];
    }

    public Provider Provider(string providerId = "provider_usa_001") => State.GetProvider(providerId) ?? throw new InvalidOperationException($"no provider {providerId}");

    /// <summary>Every credit's latest record, from the committed blocks' events (final credits leave the state).</summary>
    public IReadOnlyDictionary<ulong, Credit> Credits => _credits;

    public Credit Credit(ulong id) => _credits.TryGetValue(id, out var credit) ? credit : throw new InvalidOperationException($"no credit {id}");

    protected override void Persist(BlockEffects effects)
    {
        foreach (var emitted in effects.Events)
        {
            if (emitted.Event is EnergyCreditChanged changed)
            {
                _credits[changed.Credit.CreditId] = changed.Credit;
            }
        }
    }

    public ulong BalanceOf(SigningKey key) => State.GetAccount(key.Address).Balance;
}
