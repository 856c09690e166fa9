namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A treasury devnet whose disbursements no longer move, so a refused command can be shown to have changed nothing:
/// one finalized, one whose vote window passed without a vote (rolled back, vote_failed), and one open for voting for
/// 100,000 epochs. Also a generated key outside the council.
/// </summary>
public sealed class TreasuryBadInputFixture : IAsyncLifetime, IDisposable
{
    private DevnetProcess? _devnet;
    private TreasuryDriver? _driver;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public TreasuryDriver Driver => _driver ?? throw new InvalidOperationException("devnet not started");

    public string Destination { get; private set; } = "";

    public string OutsiderKeyFile { get; private set; } = "";

    /// <summary>The CLI key's address: dev account 1, a council member.</summary>
    public string CliAddress { get; private set; } = "";

    public ulong Finalized { get; private set; }

    public ulong VoteFailed { get; private set; }

    public ulong Open { get; private set; }

    public async Task InitializeAsync()
    {
        _devnet = await TreasuryDriver.StartDevnetAsync();
        _driver = new TreasuryDriver(_devnet);
        Destination = (await Driver.NewKeyAsync("grantee")).Address;
        OutsiderKeyFile = (await Driver.NewKeyAsync("outsider")).KeyFile;
        CliAddress = await Driver.CliAddressAsync();

        Finalized = await Driver.CreateApprovedAsync(TreasuryDriver.Proposal("Finalized grant", Destination, 700));
        var unvoted = TreasuryDriver.Proposal("Nobody voted", Destination, 300);
        unvoted["vote_window_epochs"] = 1;
        VoteFailed = (await Driver.CreateAsync(unvoted)).GetProperty("id").GetUInt64();
        var open = TreasuryDriver.Proposal("Still being discussed", Destination, 900);
        open["vote_window_epochs"] = 100_000;
        Open = (await Driver.CreateAsync(open)).GetProperty("id").GetUInt64();

        await Driver.WaitForStateAsync(Finalized, "finalized");
        var failed = await Driver.WaitForStateAsync(VoteFailed, "rolled_back");
        Assert.Equal("vote_failed", failed.GetProperty("status").GetProperty("reason").GetString());
        await Driver.WaitForStateAsync(Open, "voting");
    }

    public async Task DisposeAsync()
    {
        Dispose();
        if (_devnet is not null)
        {
            await _devnet.DisposeAsync();
        }
    }

    public void Dispose() => _driver?.Dispose();
}
