using System.Text.Json.Nodes;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A treasury devnet in the shape the runbook's "Treasury Stuck" diagnosis looks at, settled before the tests run:
/// one disbursement paid and finalized, one approved dependency waiting in timelocked (its scheduled epoch is far
/// away), one queued dependent stuck behind it, and two proposals nobody voted on, rolled back. Nothing moves after
/// that but the treasury's accruals, so each test reads the same picture.
/// </summary>
public sealed class TreasuryRunbookFixture : IAsyncLifetime, IDisposable
{
    private DevnetProcess? _devnet;
    private TreasuryDriver? _driver;

    public DevnetProcess Devnet => _devnet ?? throw new InvalidOperationException("devnet not started");

    public TreasuryDriver Driver => _driver ?? throw new InvalidOperationException("devnet not started");

    public ulong Paid { get; private set; }

    public ulong Dependency { get; private set; }

    public ulong Stuck { get; private set; }

    public const ulong StuckAmount = 2_500;

    public IReadOnlyList<ulong> Unvoted { get; private set; } = [];

    public IReadOnlyList<ulong> All => [Paid, Dependency, Stuck, .. Unvoted];

    public async Task InitializeAsync()
    {
        _devnet = await TreasuryDriver.StartDevnetAsync();
        _driver = new TreasuryDriver(_devnet);
        var destination = (await Driver.NewKeyAsync("grantee")).Address;

        Paid = await Driver.CreateApprovedAsync(TreasuryDriver.Proposal("Paid grant", destination, 1_000));
        var dependency = TreasuryDriver.Proposal("Audit retainer", destination, 4_000);
        dependency["scheduled_epoch"] = TreasuryDriver.FarEpoch;
        Dependency = await Driver.CreateApprovedAsync(dependency);
        var stuck = TreasuryDriver.Proposal("Audit follow-up", destination, StuckAmount);
        stuck["deps"] = new JsonArray(Dependency);
        Stuck = await Driver.CreateApprovedAsync(stuck);
        var unvoted = new List<ulong>();
        for (var i = 1; i <= 2; i++)
        {
            var proposal = TreasuryDriver.Proposal($"Unvoted {i}", destination, 100);
            proposal["vote_window_epochs"] = 1;
            unvoted.Add((await Driver.CreateAsync(proposal)).GetProperty("id").GetUInt64());
        }

        Unvoted = unvoted;
        await Driver.WaitForStateAsync(Paid, "finalized");
        await Driver.WaitForStateAsync(Dependency, "timelocked");
        await Driver.WaitForStateAsync(Stuck, "queued");
        foreach (var id in Unvoted)
        {
            await Driver.WaitForStateAsync(id, "rolled_back");
        }
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
