using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Transactions;
using TheBlock.Storage;
using TheBlock.Testing.Energy;

namespace TheBlock.Storage.Tests.Energy;

/// <summary>
/// The energy scenario's genesis and actors on a real SQLite database: key 0 owns providers, key 1 is their offtaker,
/// key 2 carries reading batches; the validator resolves disputes. The dispute window is 2 blocks.
/// </summary>
internal sealed class EnergyStoredChain : IDisposable
{
    private readonly TempDirectory _directory = new("theblock-energy-storage-");
    private readonly Dictionary<string, ulong> _nonces = [];

    public EnergyStoredChain()
    {
        var genesis = EnergyScenario.Create().Genesis;
        Chain = StoredTestChain.Create(
            _directory.File("chain.db"), GenesisFile.Serialize(genesis), TestKeys.KeyFor("validator"), [.. Enumerable.Range(0, 4).Select(TestKeys.Key)]);
    }

    public StoredTestChain Chain { get; }

    public SigningKey Owner => Chain.Keys[0];

    public SigningKey Offtaker => Chain.Keys[1];

    public SigningKey Carrier => Chain.Keys[2];

    public ChainReader Reader => Chain.Database.Reader;

    public void Register(string providerId, ulong pricePerKwh = 3) =>
        Include(Chain.SignNext(Owner, new ProviderRegisterPayload(providerId, EnergyScenario.MeterKey.PublicKey, EnergyScenario.Terms(Offtaker.Address, pricePerKwh), 10_000)));

    public void Deposit(ulong amount) => Include(Chain.SignNext(Offtaker, new EscrowDepositPayload(amount)));

    /// <summary>One block carrying cumulative readings of meter_001 of <paramref name="providerId"/>; the first reading of a meter is its baseline.</summary>
    public void Readings(string providerId, params ulong[] totals)
    {
        var now = Chain.NextTimeMs / 1000;
        var readings = totals.Select(total =>
        {
            var nonce = _nonces[providerId] = _nonces.GetValueOrDefault(providerId) + 1;
            var timestamp = now - 200 + nonce;
            var message = SignedReading.SigningMessage(providerId, "meter_001", total, timestamp, nonce);
            return new SignedReading(providerId, "meter_001", total, timestamp, nonce, EnergyScenario.MeterKey.Sign(message));
        }).ToList();
        Include(Chain.SignNext(Carrier, new ReadingBatchPayload(readings)));
    }

    public void OpenDispute(ulong creditId) => Include(Chain.SignNext(Offtaker, new DisputeOpenPayload(creditId, "meter reads above capacity")));

    public void Resolve(ulong disputeId, DisputeOutcome outcome) => Include(Chain.SignNext(Chain.Validator, new DisputeResolvePayload(disputeId, outcome)));

    public void Advance(int blocks) => Chain.CommitEmptyBlocksUntil(Chain.State.Height + (ulong)blocks);

    /// <summary>Every credit's latest record as the stored blocks' events announced it (final credits are not state).</summary>
    public IReadOnlyDictionary<ulong, Credit> CreditsFromEvents()
    {
        var credits = new Dictionary<ulong, Credit>();
        for (var height = 1UL; height <= Chain.State.Height; height++)
        {
            foreach (var emitted in Reader.ReadEvents(height))
            {
                if (emitted.Event is EnergyCreditChanged changed)
                {
                    credits[changed.Credit.CreditId] = changed.Credit;
                }
            }
        }

        return credits;
    }

    public void Dispose()
    {
        Chain.Dispose();
        _directory.Dispose();
    }

    private void Include(Transaction transaction) => Chain.Commit(Chain.ProposeIncluding([transaction]));
}
