namespace TheBlock.Storage.Tests;

/// <summary>A node refuses to start on a database whose stored state does not prove out against the head block.</summary>
public class TamperingTests
{
    private static StateCorruptedException LoadAfterTampering(StoredTestChain chain, string sql, params (string, object)[] parameters)
    {
        chain.Close();
        Assert.Equal(1, chain.Tamper(sql, parameters));
        using var database = ChainDatabase.Open(chain.DatabasePath);
        return Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
    }

    [Fact]
    public void Changing_one_account_balance_is_detected_and_names_the_height()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(4);

        var error = LoadAfterTampering(chain, "UPDATE accounts SET balance = balance + 1 WHERE address = $a", ("$a", chain.AddressOf(1).ToArray()));

        Assert.StartsWith("state root mismatch at height 4: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(chain.Blocks[^1].Header.StateRoot.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_balance_between_accounts_is_detected_even_though_the_total_is_unchanged()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);
        chain.Close();
        chain.Tamper("UPDATE accounts SET balance = balance - 10 WHERE address = $a", ("$a", chain.AddressOf(0).ToArray()));
        chain.Tamper("UPDATE accounts SET balance = balance + 10 WHERE address = $a", ("$a", chain.AddressOf(1).ToArray()));
        using var database = ChainDatabase.Open(chain.DatabasePath);

        var error = Assert.Throws<StateCorruptedException>(() => TestGenesis.Load(database, chain.Genesis));
        Assert.StartsWith("state root mismatch at height 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_an_account_nonce_is_detected()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(3);

        var error = LoadAfterTampering(chain, "UPDATE accounts SET nonce = 0 WHERE address = $a", ("$a", chain.AddressOf(0).ToArray()));

        Assert.StartsWith("state root mismatch at height 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("treasury_ct")]
    [InlineData("treasury_it")]
    [InlineData("supply_genesis")]
    [InlineData("supply_minted")]
    public void Changing_a_treasury_or_supply_value_is_detected_and_names_the_height(string key)
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);

        var error = LoadAfterTampering(chain, "UPDATE chain_values SET value = value + 1 WHERE key = $k", ("$k", key));

        Assert.StartsWith("state root mismatch at height 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_an_account_is_detected()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);

        var error = LoadAfterTampering(chain, "DELETE FROM accounts WHERE address = $a", ("$a", chain.AddressOf(2).ToArray()));

        Assert.StartsWith("state root mismatch at height 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inventing_an_account_is_detected()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(1);

        var error = LoadAfterTampering(
            chain,
            "INSERT INTO accounts (address, balance, nonce) VALUES ($a, 1000, 0)",
            ("$a", TestKeys.Stranger(42).ToArray()));

        Assert.StartsWith("state root mismatch at height 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tampering_at_genesis_is_detected_at_height_0()
    {
        using var chain = StoredTestChain.Create();

        var error = LoadAfterTampering(chain, "UPDATE chain_values SET value = 0 WHERE key = 'treasury_ct'");

        Assert.StartsWith("state root mismatch at height 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_head_block_is_reported_as_corruption()
    {
        using var chain = StoredTestChain.Create();
        chain.CommitBlocks(2);

        var error = LoadAfterTampering(chain, "UPDATE blocks SET body = x'00' WHERE height = 2");

        Assert.Contains("holds a malformed block", error.Message, StringComparison.Ordinal);
    }
}
