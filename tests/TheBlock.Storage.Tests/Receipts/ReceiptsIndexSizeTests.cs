using Microsoft.Data.Sqlite;
using TheBlock.Protocol.Receipts;
using TheBlock.Testing.Receipts;
using Xunit.Abstractions;

namespace TheBlock.Storage.Tests.Receipts;

/// <summary>What a receipt costs on disk (issue 11's target: 300 bytes in all): the index's rows and indexes, and the block bytes that carry it.</summary>
public sealed class ReceiptsIndexSizeTests(ITestOutputHelper output)
{
    private const int Blocks = 20;

    [Fact]
    public void A_storage_receipt_costs_well_under_300_bytes_with_its_block()
    {
        using var chain = StoredTestChain.Create();
        Include(chain, chain.SignNext(chain.Keys[0], ReceiptsScenario.Register(ServiceMarket.Storage, "storage_001")));
        Include(chain, chain.SignNext(chain.Keys[1], ReceiptsScenario.Open(ServiceMarket.Storage, "storage_001", 1, 100_000)));
        var before = Compacted(chain, "before.db");
        var nonce = 0UL;
        for (var block = 0; block < Blocks; block++)
        {
            var batch = Enumerable.Range(0, ReceiptsLimits.MaxBatchReceipts)
                .Select(_ => ReceiptsScenario.Receipt(ServiceMarket.Storage, "storage_001", 1, 3, ++nonce, 1_700_000_000 + nonce)).ToList();
            Include(chain, chain.SignNext(chain.Keys[2], new ReceiptBatchPayload(batch)));
        }

        var receipts = (double)nonce;
        var after = Compacted(chain, "after.db");
        var total = new FileInfo(after).Length - new FileInfo(before).Length;
        var index = new FileInfo(after).Length - WithoutIndex(after);
        output.WriteLine($"{nonce} receipts: index {index / receipts:0.0} bytes each, {total / receipts:0.0} bytes each in all (blocks, events, journal, index)");

        Assert.True(index / receipts <= 100, $"the index takes {index / receipts:0.0} bytes a receipt");
        Assert.True(total / receipts <= 300, $"a receipt takes {total / receipts:0.0} bytes on disk in all");
    }

    /// <summary>A compacted copy of the database (no free pages, no WAL), so sizes compare what is stored.</summary>
    private static string Compacted(StoredTestChain chain, string name)
    {
        var path = Path.Combine(chain.Directory, name);
        using var connection = new SqliteConnection($"Data Source={chain.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", path);
        command.ExecuteNonQuery();
        return path;
    }

    /// <summary>The size of <paramref name="path"/> once the receipts index is dropped and the file compacted.</summary>
    private static long WithoutIndex(string path)
    {
        var copy = path + ".noindex";
        File.Copy(path, copy);
        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE receipts; DROP TABLE receipt_blocks; DROP TABLE receipt_markets; DROP TABLE receipt_providers; VACUUM;";
            command.ExecuteNonQuery();
        }

        return new FileInfo(copy).Length;
    }

    private static void Include(StoredTestChain chain, Protocol.Transactions.Transaction transaction)
    {
        var block = chain.ProposeIncluding([transaction]);
        Assert.Empty(block.Dropped);
        chain.Commit(block);
    }
}
