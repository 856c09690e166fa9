using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Receipts;
using TheBlock.Protocol.Transactions;
using TheBlock.Storage.Tests.Energy;
using TheBlock.Testing.Receipts;

namespace TheBlock.Storage.Tests.Receipts;

/// <summary>The receipts index, fed from real blocks on a real SQLite database: energy settlements and storage/compute batches alike.</summary>
public sealed class ReceiptsTablesTests
{
    [Fact]
    public void Energy_and_market_receipts_of_committed_blocks_are_indexed_and_rebuilt_from_their_blocks()
    {
        using var market = new EnergyStoredChain();
        var batch = SettleEnergyAndPayStorage(market);
        var reader = market.Reader;

        var storage = reader.ListReceipts("storage", null, null, null, 100);
        Assert.Equal([3UL, 2UL, 1UL], storage.Items.Select(item => item.Receipt!.Nonce));
        Assert.All(storage.Items, item =>
        {
            Assert.Equal(market.Offtaker.Address, item.Receipt!.Buyer);
            Assert.Equal("agreement_id", item.Receipt.ReferenceName);
            Assert.Equal(1UL, item.Receipt.AgreementId);
            Assert.Equal(item.Receipt.Units * 3, item.Receipt.Amount);
            Assert.Equal(ReceiptsScenario.FeeOn(item.Receipt.Amount), item.Receipt.Fee);
            Assert.Equal(item.Row.Amount, item.Receipt.Amount);
        });
        Assert.Null(storage.NextSequence);

        var settled = market.CreditsFromEvents().Values.Count(credit => credit.Status == CreditStatus.Settled);
        var energy = reader.ListReceipts(EnergyModule.MarketName, null, null, null, 100);
        Assert.True(settled > 0);
        Assert.Equal(settled, energy.Items.Count);
        Assert.All(energy.Items, item => Assert.Equal("credit_id", item.Receipt!.ReferenceName));

        var shown = reader.GetReceipt(batch[0].ReceiptId);
        Assert.NotNull(shown);
        Assert.Equal(batch[0].ReceiptId, shown.Receipt!.ReceiptId);
        Assert.Equal(batch[0].Fields, shown.Receipt.Fields);
        Assert.Null(reader.GetReceipt(ReceiptsScenario.Receipt(ServiceMarket.Storage, "storage_001", 1, 5, 99).ReceiptId));
    }

    [Fact]
    public void Pages_run_newest_first_by_cursor_and_filter_by_provider_and_lowest_block()
    {
        using var market = new EnergyStoredChain();
        SettleEnergyAndPayStorage(market);
        var reader = market.Reader;

        var first = reader.ListReceipts("storage", "storage_001", null, null, 2);
        var second = reader.ListReceipts("storage", "storage_001", null, first.NextSequence, 2);
        Assert.Equal([3UL, 2UL], first.Items.Select(item => item.Receipt!.Nonce));
        Assert.Equal([1UL], second.Items.Select(item => item.Receipt!.Nonce));
        Assert.Null(second.NextSequence);
        Assert.Empty(reader.ListReceipts("storage", "someone_else", null, null, 100).Items);
        Assert.Equal(3, reader.ListReceipts(null, "storage_001", null, null, 100).Items.Count);
        Assert.Empty(reader.ListReceipts(null, null, market.Chain.State.Height + 1, null, 100).Items);
        Assert.Equal(3, reader.ListReceipts(null, null, market.Chain.State.Height, null, 100).Items.Count);
    }

    [Fact]
    public void Totals_count_each_market_its_recent_blocks_and_its_active_providers()
    {
        using var market = new EnergyStoredChain();
        SettleEnergyAndPayStorage(market);
        var head = market.Chain.State.Height;

        var totals = market.Reader.ReadReceiptTotals(head, 10, 100).ToDictionary(t => t.Market);

        Assert.Equal(3UL, totals["storage"].EmittedTotal);
        Assert.Equal(3UL, totals["storage"].EmittedRecent);
        Assert.Equal(head, totals["storage"].LastHeight);
        Assert.Equal(1UL, totals["storage"].ActiveProviders);
        Assert.Equal(1UL, totals[EnergyModule.MarketName].ActiveProviders);
        var later = market.Reader.ReadReceiptTotals(head + 20, 10, 10).Single(t => t.Market == "storage");
        Assert.Equal((0UL, 0UL, 3UL), (later.EmittedRecent, later.ActiveProviders, later.EmittedTotal));
    }

    [Fact]
    public void A_reopened_database_proves_its_receipts_index_and_a_tampered_total_stops_it()
    {
        using var market = new EnergyStoredChain();
        SettleEnergyAndPayStorage(market);
        market.Chain.Reopen();

        using (var connection = new SqliteConnection($"Data Source={market.Chain.DatabasePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE receipt_markets SET emitted_total = emitted_total + 1 WHERE name = 'storage'";
            command.ExecuteNonQuery();
        }

        var failure = Assert.Throws<StateCorruptedException>(() => market.Chain.Reopen());
        Assert.Contains("market storage counts 4 receipts emitted but 3 are stored", failure.Message);
    }

    /// <summary>Settles energy credits, then registers storage_001, opens agreement 1 at 3 CT a unit and pays three storage receipts in one batch.</summary>
    internal static IReadOnlyList<MarketReceipt> SettleEnergyAndPayStorage(EnergyStoredChain market)
    {
        market.Register("provider_usa_001");
        market.Deposit(100_000);
        market.Readings("provider_usa_001", 100, 110, 130);
        market.Advance(3);
        var chain = market.Chain;
        Include(chain, chain.SignNext(market.Owner, ReceiptsScenario.Register(ServiceMarket.Storage, "storage_001")));
        Include(chain, chain.SignNext(market.Offtaker, ReceiptsScenario.Open(ServiceMarket.Storage, "storage_001", 3, 10_000)));
        IReadOnlyList<MarketReceipt> batch = [.. Enumerable.Range(1, 3).Select(n => ReceiptsScenario.Receipt(ServiceMarket.Storage, "storage_001", 1, (ulong)n * 5, (ulong)n))];
        Include(chain, chain.SignNext(market.Carrier, new ReceiptBatchPayload(batch)));
        return batch;
    }

    private static void Include(StoredTestChain chain, Transaction transaction)
    {
        var block = chain.ProposeIncluding([transaction]);
        Assert.Empty(block.Dropped);
        chain.Commit(block);
    }
}
