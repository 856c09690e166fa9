using System.Text.Json;
using TheBlock.Server.Rpc;

namespace TheBlock.Server.Tests.Rpc;

public sealed class RpcParamsTests
{
    [Fact]
    public async Task String_where_an_integer_is_expected_is_invalid_params_naming_the_param()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo","params":{"text":"x","amount":"12"}}""");

        Assert.Equal("amount must be a non-negative integer, got \"12\"", RpcAssert.InvalidParams(response));
        Assert.Equal("amount", response.GetProperty("error").GetProperty("data").GetProperty("param").GetString());
    }

    [Fact]
    public async Task Missing_required_param_is_invalid_params_naming_the_param()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.echo"}""");

        Assert.Equal("missing required param text (expected a string)", RpcAssert.InvalidParams(response));
    }

    [Fact]
    public async Task Limit_above_the_maximum_is_invalid_params()
    {
        await using RpcTestServer server = await RpcTestServer.StartAsync();

        JsonElement response = await server.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"test.list","params":{"limit":1001}}""");

        Assert.Equal("limit must be between 1 and 1000", RpcAssert.InvalidParams(response));
    }

    [Fact]
    public void Absent_and_null_params_are_empty()
    {
        var absent = new RpcParams(default);
        var nulled = new RpcParams(JsonElement.Parse("null"));

        Assert.Equal(JsonValueKind.Object, absent.Raw.ValueKind);
        Assert.False(nulled.Has("x"));
        Assert.Null(absent.GetOptionalString("x"));
        Assert.Equal(100, absent.GetLimit());
    }

    [Fact]
    public void A_null_param_counts_as_absent()
    {
        RpcParams p = Parse("""{"after_id":null,"verbose":null}""");

        Assert.False(p.Has("after_id"));
        Assert.Null(p.GetOptionalUInt64("after_id"));
        Assert.True(p.GetOptionalBool("verbose", true));
    }

    [Fact]
    public void Integers_are_read_across_their_whole_range()
    {
        RpcParams p = Parse("""{"max":18446744073709551615,"min":-9223372036854775808,"zero":0}""");

        Assert.Equal(ulong.MaxValue, p.GetUInt64("max"));
        Assert.Equal(long.MinValue, p.GetInt64("min"));
        Assert.Equal(0UL, p.GetOptionalUInt64("zero"));
    }

    [Theory]
    [InlineData("-1", "-1")]
    [InlineData("1.5", "1.5")]
    [InlineData("18446744073709551616", "18446744073709551616")]
    [InlineData("true", "true")]
    [InlineData("[1]", "an array")]
    public void Values_that_are_not_u64_are_refused_with_what_was_given(string json, string shown)
    {
        RpcParams p = Parse($$"""{"amount":{{json}}}""");

        RpcParamsException refused = Assert.Throws<RpcParamsException>(() => p.GetUInt64("amount"));

        Assert.Equal($"amount must be a non-negative integer, got {shown}", refused.Error.Message);
        Assert.Equal(RpcErrorCodes.InvalidParams, refused.Error.Code);
    }

    [Fact]
    public void A_long_offending_value_is_shortened_in_the_message()
    {
        RpcParams p = Parse($$"""{"amount":"{{new string('x', 500)}}"}""");

        RpcParamsException refused = Assert.Throws<RpcParamsException>(() => p.GetUInt64("amount"));

        Assert.True(refused.Error.Message.Length < 100, refused.Error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("\"10\"")]
    [InlineData("2.5")]
    public void Limit_outside_1_to_max_is_refused(string json)
    {
        RpcParams p = Parse($$"""{"limit":{{json}}}""");

        RpcParamsException refused = Assert.Throws<RpcParamsException>(() => p.GetLimit());

        Assert.Equal("limit must be between 1 and 1000", refused.Error.Message);
    }

    [Fact]
    public void Limit_within_range_is_returned()
    {
        Assert.Equal(1000, Parse("""{"limit":1000}""").GetLimit());
        Assert.Equal(5, Parse("""{"page_size":5}""").GetLimit("page_size", defaultValue: 10, max: 50));
    }

    [Fact]
    public void Bool_of_the_wrong_type_is_refused()
    {
        RpcParamsException refused = Assert.Throws<RpcParamsException>(() => Parse("""{"verbose":"yes"}""").GetOptionalBool("verbose", false));

        Assert.Equal("verbose must be true or false, got \"yes\"", refused.Error.Message);
    }

    private static RpcParams Parse(string json) => new(JsonElement.Parse(json));
}
