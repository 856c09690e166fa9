using TheBlock.Server.Devnet;

namespace TheBlock.Server.Tests.Devnet;

/// <summary><c>the-block devnet --module-param MODULE.NAME=VALUE</c>: read into the genesis's module parameters, or refused with a line saying how to write it.</summary>
public class ModuleParameterFlagsTests
{
    [Fact]
    public void Flags_become_sections_by_module()
    {
        var parameters = ModuleParameterFlags.Parse(["energy.dispute_window_blocks=600", "energy.fee_bps=100", "treasury.x=1"]);

        Assert.Equal(600UL, parameters.Sections["energy"]["dispute_window_blocks"]);
        Assert.Equal(100UL, parameters.Sections["energy"]["fee_bps"]);
        Assert.Equal(1UL, parameters.Sections["treasury"]["x"]);
    }

    [Theory]
    [InlineData("energy")]
    [InlineData("energy.fee_bps")]
    [InlineData(".fee_bps=1")]
    [InlineData("energy.=1")]
    [InlineData("energy.fee_bps=-1")]
    [InlineData("energy.fee_bps=ten")]
    public void A_malformed_flag_is_refused_with_the_expected_form(string flag)
    {
        var error = Assert.Throws<StartupException>(() => ModuleParameterFlags.Parse([flag]));

        Assert.Contains("MODULE.NAME=VALUE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_given_twice_is_refused()
    {
        var error = Assert.Throws<StartupException>(() => ModuleParameterFlags.Parse(["energy.fee_bps=1", "energy.fee_bps=2"]));

        Assert.Contains("energy.fee_bps is given twice", error.Message, StringComparison.Ordinal);
    }
}
