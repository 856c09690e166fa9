using System.Text.Json;
using TheBlock.Cli.Tests.Support;
using TheBlock.Client.Receipts;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Receipts;

namespace TheBlock.Cli.Tests.Receipts;

/// <summary>
/// <c>contract-cli receipts sign</c> turns a provider's key file and a market's fields into the submission the emitter
/// reads: it verifies with the key's public key, its id is the claim's, and a receipt the emitter would refuse as
/// <c>schema_mismatch</c> is refused here first, before the key is even read.
/// </summary>
public sealed class ReceiptSignCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly string _keyFile;

    public ReceiptSignCommandTests() => _keyFile = TestKeys.WriteKeyFile(_directory, 5);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_signed_storage_receipt_verifies_with_the_providers_key_and_has_the_claims_id()
    {
        var run = await Sign(StorageArgs("--created-at", "1700000000"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var parsed = ReceiptDocument.Read(run.Json);
        Assert.Null(parsed.Rejection);
        var receipt = parsed.Receipt!;
        using var signer = TestKeys.Filled(5);
        Assert.True(receipt.VerifySignature(signer.PublicKey));
        var expected = new MarketReceipt(
            ServiceMarket.Storage, "storage_dev_001", 7, 4, 12, 1_700_000_000,
            [ReceiptField.Of("contract_id", "c-1"), ReceiptField.Of("bytes", 1_048_576UL), ReceiptField.Of("duration_seconds", 3_600UL)],
            ReadOnlyMemory<byte>.Empty);
        Assert.Equal(expected.ReceiptId, receipt.ReceiptId);
        Assert.Equal(expected.SignedWith(signer).Signature.ToArray(), receipt.Signature.ToArray());
    }

    [Fact]
    public async Task The_submission_has_the_common_fields_then_the_markets_own_with_their_json_types()
    {
        var run = await Sign(StorageArgs("--created-at", "1700000000"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                ("market", JsonValueKind.String), ("provider_id", JsonValueKind.String), ("agreement_id", JsonValueKind.Number),
                ("units", JsonValueKind.Number), ("nonce", JsonValueKind.Number), ("created_at", JsonValueKind.Number),
                ("contract_id", JsonValueKind.String), ("bytes", JsonValueKind.Number), ("duration_seconds", JsonValueKind.Number),
                ("signature", JsonValueKind.String),
            ],
            run.Json.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind)));
        Assert.Equal("storage", run.Json.GetProperty("market").GetString());
        Assert.Equal(1_048_576UL, run.Json.GetProperty("bytes").GetUInt64());
        Assert.Equal(64, Convert.FromBase64String(run.Json.GetProperty("signature").GetString()!).Length);
    }

    [Theory]
    [InlineData("compute", "job_id=j-9", "compute_units=250")]
    [InlineData("ad", "campaign_id=spring", "impressions=1000", "clicks=12")]
    public async Task Each_market_signs_its_own_fields_in_any_order_given(string market, params string[] fields)
    {
        string[] reversed = [.. fields.Reverse().SelectMany(field => new[] { "--field", field })];

        var run = await Sign(["--market", market, "--provider-id", "p1", "--agreement-id", "3", "--units", "1", "--nonce", "1", .. reversed]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var parsed = ReceiptDocument.Read(run.Json);
        Assert.Null(parsed.Rejection);
        Assert.Equal(ServiceMarkets.Schema(parsed.Receipt!.Market!.Value).Select(f => f.Name), parsed.Receipt.Fields.Select(f => f.Name));
        using var signer = TestKeys.Filled(5);
        Assert.True(parsed.Receipt.VerifySignature(signer.PublicKey));
    }

    [Fact]
    public async Task Several_fields_may_follow_one_field_option()
    {
        var run = await Sign("--market", "compute", "--provider-id", "p1", "--agreement-id", "3", "--units", "1", "--nonce", "1", "--field", "job_id=j", "compute_units=5");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(5UL, run.Json.GetProperty("compute_units").GetUInt64());
    }

    [Fact]
    public async Task Without_created_at_the_receipt_is_stamped_now()
    {
        var before = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var run = await Sign(StorageArgs());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.InRange(run.Json.GetProperty("created_at").GetUInt64(), before, before + 60);
    }

    [Theory]
    [InlineData("unknown field \"color\"", "--field", "color=red")]
    [InlineData("field bytes must be an integer of at least 0, not \"lots\"", "--field", "bytes=lots")]
    [InlineData("field bytes must be an integer of at least 0, not \"-1\"", "--field", "bytes=-1")]
    [InlineData("--field \"bytes\" is not name=value", "--field", "bytes")]
    [InlineData("units must be above zero", "--units", "0")]
    [InlineData("provider_id must be 1 to 64 bytes", "--provider-id", "")]
    public async Task A_receipt_the_emitter_would_refuse_is_schema_mismatch_naming_the_problem(string problem, string option, string value)
    {
        var run = await Sign(StorageArgs(option, value));

        ContractCli.AssertFails(run, 2, ReceiptReasons.SchemaMismatch);
        Assert.Contains(problem, run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_given_twice_is_schema_mismatch()
    {
        var run = await Sign([.. StorageArgs(), "--field", "bytes=2"]);

        ContractCli.AssertFails(run, 2, ReceiptReasons.SchemaMismatch);
        Assert.Contains("field bytes is given twice", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_market_field_is_schema_mismatch_naming_what_the_market_carries()
    {
        var run = await Sign("--market", "storage", "--provider-id", "p1", "--agreement-id", "1", "--units", "1", "--nonce", "1", "--field", "contract_id=c-1");

        ContractCli.AssertFails(run, 2, ReceiptReasons.SchemaMismatch);
        Assert.Equal(
            "missing bytes, duration_seconds; storage receipts carry contract_id, bytes, duration_seconds (pass each as --field name=value)",
            run.Error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unknown_market_is_schema_mismatch_and_the_key_is_not_read()
    {
        var run = await ContractCli.RunAsync(
            "receipts", "sign", "--key", _directory.File("absent.key"), "--market", "energy", "--provider-id", "p1", "--agreement-id", "1", "--units", "1", "--nonce", "1");

        ContractCli.AssertFails(run, 2, ReceiptReasons.SchemaMismatch);
        Assert.Contains("storage, compute, ad", run.Error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_nonce_is_a_usage_error_and_a_missing_key_file_says_how_to_make_one()
    {
        var noNonce = await Sign("--market", "compute", "--provider-id", "p1", "--agreement-id", "1", "--units", "1", "--field", "job_id=j", "compute_units=5");
        var noKey = await ContractCli.RunAsync(
            "receipts", "sign", "--key", _directory.File("absent.key"), "--market", "compute", "--provider-id", "p1", "--agreement-id", "1", "--units", "1",
            "--nonce", "1", "--field", "job_id=j", "compute_units=5");

        ContractCli.AssertFails(noNonce, 2, "usage");
        ContractCli.AssertFails(noKey, 2, "key_unavailable");
    }

    /// <summary>A valid storage receipt's options, with <paramref name="overrides"/> (pairs) replacing the option, or the field, of the same name.</summary>
    private static string[] StorageArgs(params string[] overrides)
    {
        var options = new List<(string Name, string Value)>
        {
            ("--market", "storage"), ("--provider-id", "storage_dev_001"), ("--agreement-id", "7"), ("--units", "4"), ("--nonce", "12"),
            ("--field", "contract_id=c-1"), ("--field", "bytes=1048576"), ("--field", "duration_seconds=3600"),
        };
        for (var i = 0; i < overrides.Length; i += 2)
        {
            var (name, value) = (overrides[i], overrides[i + 1]);
            var key = name == "--field" ? value.Split('=')[0] + "=" : null;
            var same = options.FindIndex(o => o.Name == name && (key is null || o.Value.StartsWith(key, StringComparison.Ordinal)));
            if (same >= 0 && (key is null || value.Contains('=', StringComparison.Ordinal)))
            {
                options[same] = (name, value);
            }
            else
            {
                options.Add((name, value));
            }
        }

        return [.. options.SelectMany(o => new[] { o.Name, o.Value })];
    }

    private Task<CliRun> Sign(params string[] args) => ContractCli.RunAsync(["receipts", "sign", "--key", _keyFile, .. args]);
}
