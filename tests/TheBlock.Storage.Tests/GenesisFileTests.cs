using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage.Tests;

public class GenesisFileTests
{
    private static readonly string ValidatorBase64 = Convert.ToBase64String(TestKeys.KeyFor("validator").PublicKey);

    /// <summary>A genesis file as an operator writes it: every documented field, snake_case.</summary>
    private static string Json(
        string address = "",
        string validator = "",
        string treasuryPercent = "20",
        string epochLength = "120",
        string extra = "") => $$"""
        {
          "chain_id": "testnet",
          "genesis_time_ms": 1700000000000,
          "block_reward": 100,
          "treasury_percent": {{treasuryPercent}},
          "epoch_length": {{epochLength}},
          "block_interval_ms": 1000,
          "max_block_transactions": 5000,
          "treasury": { "ct": 5000, "it": 7000 },
          "allocations": [ { "address": "{{(address.Length > 0 ? address : TestKeys.Stranger(0).ToString())}}", "amount": 1000000 } ],
          "validators": [ "{{(validator.Length > 0 ? validator : ValidatorBase64)}}" ],
          "governance": {{Governance}}{{extra}}
        }
        """;

    private static string Governance => $$"""
        { "council": [ { "address": "{{TestKeys.Stranger(0)}}", "voting_power": 100 } ], "quorum_ppm": 500000, "threshold_ppm": 500000, "executors": [ "{{TestKeys.Stranger(0)}}" ] }
        """;

    private static Genesis Parse(string json) => GenesisFile.Parse(System.Text.Encoding.UTF8.GetBytes(json));

    private static string Problems(string json) => Assert.Throws<FormatException>(() => Parse(json)).Message;

    [Fact]
    public void A_genesis_file_with_every_field_parses_to_those_values()
    {
        var genesis = Parse(Json());

        Assert.Equal("testnet", genesis.ChainId);
        Assert.Equal(1_700_000_000_000UL, genesis.GenesisTimeMs);
        Assert.Equal(new ChainParameters(100, 20, 120, 1_000, 5_000), genesis.Parameters);
        Assert.Equal(new TreasuryBalances(5_000, 7_000), genesis.Treasury);
        Assert.Equal([new GenesisAllocation(TestKeys.Stranger(0), 1_000_000)], genesis.Allocations);
        Assert.Equal(ValidatorBase64, Convert.ToBase64String(Assert.Single(genesis.Validators)));
        Assert.Equal(1_012_000UL, genesis.TotalSupply());
        Assert.Equal([new CouncilMember(TestKeys.Stranger(0), 100)], genesis.Governance.Council);
        Assert.Equal([TestKeys.Stranger(0)], genesis.Governance.Executors);
        Assert.Equal((500_000U, 500_000U, true, 1UL, 1UL, 1UL, 600UL), (genesis.Governance.QuorumPpm, genesis.Governance.ThresholdPpm, genesis.Governance.CascadeRollback,
            genesis.Governance.DefaultVoteWindowEpochs, genesis.Governance.DefaultTimelockEpochs, genesis.Governance.DefaultRollbackWindowEpochs, genesis.Governance.MaxLeaseTtlSeconds));
    }

    [Fact]
    public void A_genesis_without_a_governance_section_or_with_bad_council_addresses_is_refused_with_every_problem()
    {
        var missing = Problems($$"""
            { "chain_id": "x", "validators": [ "{{ValidatorBase64}}" ] }
            """);
        var bad = Problems($$"""
            { "chain_id": "x", "validators": [ "{{ValidatorBase64}}" ], "governance": { "council": [ { "address": "ct1nope", "voting_power": 0 } ], "threshold_ppm": 0, "executors": [] } }
            """);

        Assert.Contains("governance: the section is required", missing, StringComparison.Ordinal);
        Assert.Contains("governance.council: ", bad, StringComparison.Ordinal);
        Assert.Contains("governance.threshold_ppm is 0", bad, StringComparison.Ordinal);
        Assert.Contains("governance.executors must name at least one executor address", bad, StringComparison.Ordinal);
    }

    [Fact]
    public void Omitted_timing_fields_take_their_defaults()
    {
        var genesis = Parse($$"""
            { "chain_id": "x", "block_reward": 1, "validators": [ "{{ValidatorBase64}}" ], "governance": {{Governance}} }
            """);

        Assert.Equal(new ChainParameters(1, 0, 120, 1_000, 5_000), genesis.Parameters);
        Assert.Empty(genesis.Allocations);
        Assert.Equal(default, genesis.Treasury);
    }

    [Fact]
    public void A_genesis_serializes_and_parses_back_to_the_same_bytes_and_values()
    {
        using var chain = StoredTestChain.Create();
        var bytes = GenesisFile.Serialize(chain.Genesis);
        var parsed = GenesisFile.Parse(bytes);

        Assert.Equal(bytes, GenesisFile.Serialize(parsed));
        Assert.Equal(chain.Genesis.ChainId, parsed.ChainId);
        Assert.Equal(chain.Genesis.GenesisTimeMs, parsed.GenesisTimeMs);
        Assert.Equal(chain.Genesis.Parameters, parsed.Parameters);
        Assert.Equal(chain.Genesis.Treasury, parsed.Treasury);
        Assert.Equal(chain.Genesis.Allocations, parsed.Allocations);
        Assert.Equal(chain.Genesis.Validators, parsed.Validators);
        Assert.Equal(chain.Genesis.Governance.Council, parsed.Governance.Council);
        Assert.Equal(GenesisFile.Hash(bytes), GenesisFile.Hash(GenesisFile.Serialize(parsed)));
    }

    [Fact]
    public void The_genesis_hash_is_the_SHA256_of_the_file_bytes()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Json());

        Assert.Equal(Hash32.Sha256(bytes), GenesisFile.Hash(bytes));
        Assert.NotEqual(GenesisFile.Hash(bytes), GenesisFile.Hash([.. bytes, (byte)'\n']));
    }

    [Fact]
    public void Every_invalid_field_is_reported_together()
    {
        var good = TestKeys.Stranger(0).ToString();
        var typo = good[..^1] + (good[^1] == 'q' ? 'p' : 'q');

        var message = Problems(Json(address: typo, validator: "not*base64!", treasuryPercent: "101", epochLength: "0"));

        Assert.StartsWith("invalid genesis: ", message, StringComparison.Ordinal);
        Assert.Contains($"allocations: address \"{typo}\" has a bad checksum", message, StringComparison.Ordinal);
        Assert.Contains("validators: \"not*base64!\" is not base64", message, StringComparison.Ordinal);
        Assert.Contains("treasury_percent is 101; it must be between 0 and 100", message, StringComparison.Ordinal);
        Assert.Contains("epoch_length must be at least 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_allocation_with_another_prefix_is_reported_with_the_prefix()
    {
        var foreign = Bech32.Encode("bc", TestKeys.Stranger(0).ToArray());

        Assert.Contains("has prefix \"bc\"; expected \"ct\"", Problems(Json(address: foreign)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_validator_key_of_the_wrong_length_is_reported()
    {
        Assert.Contains(
            "a validator public key is 31 bytes; expected 32",
            Problems(Json(validator: Convert.ToBase64String(new byte[31]))),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_chain_id_validators_and_duplicate_allocations_are_reported()
    {
        var address = TestKeys.Stranger(0).ToString();
        var message = Problems($$"""
            { "allocations": [ { "address": "{{address}}", "amount": 1 }, { "address": "{{address}}", "amount": 2 } ] }
            """);

        Assert.Contains("chain_id must be 1 to 64 characters", message, StringComparison.Ordinal);
        Assert.Contains("validators must name at least one validator public key", message, StringComparison.Ordinal);
        Assert.Contains($"allocation to {address} appears more than once", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supply_beyond_what_the_ledger_can_hold_is_reported()
    {
        var message = Problems(Json().Replace("\"ct\": 5000", $"\"ct\": {long.MaxValue}", StringComparison.Ordinal));

        Assert.Contains($"total genesis supply exceeds {long.MaxValue} CT", message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_is_rejected_by_name()
    {
        var message = Problems(Json(extra: ",\n  \"block_rewrd\": 5"));

        Assert.StartsWith("genesis is not valid JSON", message, StringComparison.Ordinal);
        Assert.Contains("block_rewrd", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{ \"block_reward\": -1 }")]
    public void Text_that_is_not_a_genesis_object_is_rejected(string json)
    {
        Assert.Throws<FormatException>(() => Parse(json));
    }

    [Fact]
    public void The_genesis_example_of_the_protocol_document_parses()
    {
        var document = ReadProtocolDocument();
        var start = document.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var end = document.IndexOf("```", start, StringComparison.Ordinal);

        var genesis = Parse(document[start..end]);

        Assert.Equal("devnet", genesis.ChainId);
        Assert.Equal("ct1vkmqvu7kakyyhuqu9s3zmq4d5p6q72dvtqtudu", Assert.Single(genesis.Allocations).Address.ToString());
        Assert.Equal("79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664", Convert.ToHexStringLower(Assert.Single(genesis.Validators)));
    }

    [Fact]
    public void A_genesis_json_null_is_rejected_as_empty()
    {
        Assert.Equal("genesis is empty", Problems("null"));
    }

    private static string ReadProtocolDocument()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "docs", "PROTOCOL.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("docs/PROTOCOL.md not found above " + AppContext.BaseDirectory);
    }
}
