using System.Text.Json;
using System.Text.Json.Serialization;
using TheBlock.Client.Core;
using TheBlock.Client.Rpc;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

internal sealed record SearchParams(string Text, ulong? AfterId = null, bool? Verbose = null, int? Limit = null);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SearchParams))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;

/// <summary>A contract's params reach its handler as the record, checked with the same invalid_params answers as before contracts.</summary>
public sealed class RpcContractParamsTests
{
    private static readonly RpcContract<SearchParams, bool> Search =
        new("test.search", SearchJsonContext.Default.SearchParams, RpcJsonContext.Default.Boolean, new RpcPaging(10, 50));

    [Fact]
    public async Task Params_arrive_as_the_contracts_record()
    {
        var read = await ReadAsync(Search, """{"text":"queued","after_id":4,"verbose":true,"limit":50,"unknown":true}""");

        Assert.Equal(new SearchParams("queued", 4, true, 50), read);
    }

    [Fact]
    public async Task Absent_and_null_optional_params_are_null()
    {
        Assert.Equal(new SearchParams("x"), await ReadAsync(Search, """{"text":"x","after_id":null,"verbose":null}"""));
    }

    [Theory]
    [InlineData("""{}""", "missing required param account (expected a string)", "account")]
    [InlineData("""{"account":null}""", "missing required param account (expected a string)", "account")]
    [InlineData("""{"account":5}""", "account must be a string, got 5", "account")]
    [InlineData("""{"account":"treasury","limit":1001}""", "limit must be between 1 and 1000", "limit")]
    [InlineData("""{"account":"treasury","limit":"10"}""", "limit must be between 1 and 1000", "limit")]
    public async Task A_missing_or_mistyped_param_is_invalid_params_naming_it(string json, string message, string param)
    {
        var refused = await Assert.ThrowsAsync<RpcParamsException>(() => ReadAsync(CoreRpc.LedgerInspect, json));

        Assert.Equal((CoreReasonRegistry.InvalidParams, message, param), (refused.Error.Reason, refused.Error.Message, refused.Error.Details!["param"]));
    }

    [Fact]
    public async Task A_required_integer_is_checked_across_its_range()
    {
        Assert.Equal(new BlockShowParams(ulong.MaxValue), await ReadAsync(CoreRpc.BlockShow, """{"height":18446744073709551615}"""));

        var refused = await Assert.ThrowsAsync<RpcParamsException>(() => ReadAsync(CoreRpc.BlockShow, """{"height":-1}"""));
        Assert.Equal("height must be a non-negative integer, got -1", refused.Error.Message);
    }

    [Fact]
    public async Task A_bool_of_the_wrong_type_is_refused()
    {
        var refused = await Assert.ThrowsAsync<RpcParamsException>(() => ReadAsync(Search, """{"text":"x","verbose":"yes"}"""));

        Assert.Equal("verbose must be true or false, got \"yes\"", refused.Error.Message);
    }

    [Fact]
    public void A_contract_names_its_params_as_the_wire_does()
    {
        Assert.Equal("after_id", Search.ParamName(nameof(SearchParams.AfterId)));
        Assert.Throws<ArgumentException>(() => Search.ParamName("After"));
    }

    private static async Task<TParams> ReadAsync<TParams, TResult>(RpcContract<TParams, TResult> contract, string json)
    {
        TParams? seen = default;
        var method = RpcMethod.For(contract, RpcRole.Public, (parameters, _) =>
        {
            seen = parameters;
            return ValueTask.FromResult(RpcOutcome.Ok(true, RpcJsonContext.Default.Boolean));
        });

        await method.Handler(new RpcParams(JsonElement.Parse(json)), CancellationToken.None);
        return seen!;
    }
}
