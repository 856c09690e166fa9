using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;

namespace TheBlock.Protocol.Tests.Receipts;

/// <summary>
/// A chain in memory with the service markets' actors: key 0 owns providers, key 1 buys, key 2 carries receipt batches
/// (as a node does), key 3 is an outsider. Providers sign receipts with <see cref="ProviderKey"/>; fee 2.5 %.
/// </summary>
internal sealed class MarketChain : TestChain
{
    public const ulong FeeBps = 250;
    public const ulong MinStake = 1_000;

    private MarketChain(Genesis genesis)
        : base(genesis, TestGenesis.DefaultHash, [.. Enumerable.Range(0, 4).Select(TestKeys.Key)], TestKeys.KeyFor("validator"))
    {
    }

    public SigningKey Owner => Keys[0];

    public SigningKey Buyer => Keys[1];

    public SigningKey Carrier => Keys[2];

    public SigningKey Outsider => Keys[3];

    public static SigningKey ProviderKey { get; } = TestKeys.KeyFor("market-provider");

    public static MarketChain Create() => new(TestGenesis.Create(accounts: 4, blockReward: 0) with
    {
        Modules = new ModuleParameters(new Dictionary<string, IReadOnlyDictionary<string, ulong>>
        {
            [ReceiptsModule.ModuleName] = new Dictionary<string, ulong> { ["fee_bps"] = FeeBps, ["min_stake"] = MinStake },
        }),
    });

    /// <summary>Includes one transaction and returns its rejection, or null when the block applied it.</summary>
    public Rejection? Apply(Transaction transaction)
    {
        var block = ProposeAndCommit(transaction);
        return block.Dropped.Count == 0 ? null : block.Dropped[0].Rejection;
    }

    public void Register(ServiceMarket market = ServiceMarket.Storage, string providerId = "storage_001") =>
        Assert.Null(Apply(Sign(Owner, new MarketProviderRegisterPayload(market, providerId, ProviderKey.PublicKey, 5_000))));

    /// <summary>Opens an agreement for <see cref="Buyer"/> and returns its id.</summary>
    public ulong Open(ServiceMarket market = ServiceMarket.Storage, string providerId = "storage_001", ulong unitPrice = 4, ulong deposit = 1_000)
    {
        var id = State.NextAgreementId;
        Assert.Null(Apply(Sign(Buyer, new AgreementOpenPayload(market, providerId, unitPrice, deposit))));
        return id;
    }

    public static MarketReceipt Receipt(ulong agreementId, ulong units, ulong nonce, ServiceMarket market = ServiceMarket.Storage, string providerId = "storage_001", SigningKey? key = null)
    {
        IReadOnlyList<ReceiptField> fields = market switch
        {
            ServiceMarket.Storage => [ReceiptField.Of("contract_id", "c-1"), ReceiptField.Of("bytes", 1024), ReceiptField.Of("duration_seconds", 60)],
            ServiceMarket.Compute => [ReceiptField.Of("job_id", "j-1"), ReceiptField.Of("compute_units", 5)],
            _ => [ReceiptField.Of("campaign_id", "k-1"), ReceiptField.Of("impressions", 100), ReceiptField.Of("clicks", 3)],
        };
        return new MarketReceipt(market, providerId, agreementId, units, nonce, 1_700_000_000, fields, ReadOnlyMemory<byte>.Empty).SignedWith(key ?? ProviderKey);
    }

    /// <summary>Carries the receipts in one batch and returns the batch's event.</summary>
    public MarketReceiptsIncluded Submit(params MarketReceipt[] receipts)
    {
        var block = ProposeIncluding([SignNext(Carrier, new ReceiptBatchPayload(receipts))]);
        Commit(block);
        return block.Effects.Events.Select(e => e.Event).OfType<MarketReceiptsIncluded>().Single();
    }

    public ulong BalanceOf(SigningKey key) => State.GetAccount(key.Address).Balance;
}
