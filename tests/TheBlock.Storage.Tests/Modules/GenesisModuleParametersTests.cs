using TheBlock.Protocol;
using TheBlock.Protocol.Modules;

namespace TheBlock.Storage.Tests.Modules;

/// <summary>The genesis file's <c>modules</c> section: each module's parameters, checked by the modules themselves.</summary>
public class GenesisModuleParametersTests
{
    private static byte[] WithModules(string modules)
    {
        var json = System.Text.Encoding.UTF8.GetString(GenesisFile.Serialize(TestGenesis.Create()));
        return System.Text.Encoding.UTF8.GetBytes(json.TrimEnd().TrimEnd('}') + $", \"modules\": {modules} }}");
    }

    private static string Problems(string modules) => Assert.Throws<FormatException>(() => GenesisFile.Parse(WithModules(modules))).Message;

    [Fact]
    public void A_module_parameter_set_in_the_genesis_is_read_and_the_rest_take_their_defaults()
    {
        var genesis = GenesisFile.Parse(WithModules("""{ "energy": { "dispute_window_blocks": 600 } }"""));

        var energy = StandardChain.Modules.All.Single(m => m.Name == "energy");
        Assert.Equal(600UL, genesis.Modules.Get("energy", energy.Parameters.Single(p => p.Name == "dispute_window_blocks")));
        Assert.Equal(250UL, genesis.Modules.Get("energy", energy.Parameters.Single(p => p.Name == "fee_bps")));
    }

    [Fact]
    public void The_section_round_trips_through_the_file()
    {
        var genesis = GenesisFile.Parse(WithModules("""{ "energy": { "fee_bps": 100, "min_stake": 5 } }"""));

        var again = GenesisFile.Parse(GenesisFile.Serialize(genesis));

        Assert.Equal(100UL, again.Modules.Sections["energy"]["fee_bps"]);
        Assert.Equal(5UL, again.Modules.Sections["energy"]["min_stake"]);
    }

    [Fact]
    public void An_unknown_module_an_unknown_parameter_and_a_value_out_of_range_are_all_reported()
    {
        var message = Problems("""{ "weather": { "rain": 1 }, "energy": { "fee_bsp": 1, "fee_bps": 10001 } }""");

        Assert.Contains("modules.weather: this chain runs no module \"weather\"", message, StringComparison.Ordinal);
        Assert.Contains("modules.energy.fee_bsp: the module has no such parameter", message, StringComparison.Ordinal);
        Assert.Contains("modules.energy.fee_bps is 10001; it must be between 0 and 10000", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_genesis_without_the_section_has_no_module_parameters()
    {
        var genesis = GenesisFile.Parse(GenesisFile.Serialize(TestGenesis.Create()));

        Assert.Empty(genesis.Modules.Sections);
        Assert.DoesNotContain("modules", System.Text.Encoding.UTF8.GetString(GenesisFile.Serialize(genesis)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_declaration_names_its_range_in_the_problem()
    {
        var parameter = new ModuleParameter("window", 10, 1, 100, "blocks to wait");

        Assert.Null(parameter.Problem("toy", 100));
        Assert.Equal("modules.toy.window is 0; it must be between 1 and 100 (blocks to wait)", parameter.Problem("toy", 0));
    }
}
