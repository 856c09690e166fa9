using System.CommandLine;
using TheBlock.Cli.Commands.Dev;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Core;
using TheBlock.Client.Energy;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Energy;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// <c>dev drill disputes-backlog</c>: more disputes open than the operators resolve (the runbook's energy alert
/// thresholds, "Dispute backlog"). The drill provider (<see cref="DrillProvider"/>, the CLI key as owner and offtaker)
/// posts real readings through the oracle each second; as their credits appear, pending, the CLI key disputes them as
/// their offtaker, until <c>--count</c> of the drill's disputes are open (default 25: above the 20 of
/// <c>EnergyDisputeBacklogHigh</c>; above 50, <c>EnergyDisputeBacklogCritical</c>), so
/// <c>energy_active_disputes_total</c> rises. A credit is disputable only inside the dispute window, so the drill
/// disputes what it finds each round and posts again until it has enough. <c>--recover</c> resolves the drill's own
/// open disputes as rejected (admin token): their credits return to pending and settle from the drill's escrow; no
/// provider is slashed.
/// </summary>
internal sealed class DisputesBacklogDrill : IDrill
{
    /// <summary>How the drill's disputes read on chain; <c>--recover</c> resolves only open disputes of the drill provider.</summary>
    public const string DisputeReason = "drill: disputes-backlog";

    private const int DefaultCount = 25;
    private const int MaxCount = 500;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a round looks for the credits of the readings it posted: a few blocks at any devnet speed.</summary>
    private static readonly TimeSpan RoundWait = TimeSpan.FromSeconds(3);

    private readonly Option<string?> _oracle;
    private readonly Option<int> _count = new("--count")
    {
        Description = $"disputes-backlog: open disputes of the drill to reach (default {DefaultCount}, above the warning's 20; above 50 for the critical alert).",
        HelpName = "N",
        DefaultValueFactory = _ => DefaultCount,
    };

    public DisputesBacklogDrill(EnergyDrillOptions options)
    {
        _oracle = options.Oracle;
        _count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxCount)
            {
                result.AddError($"Option '--count' must be between 1 and {MaxCount}.");
            }
        });
    }

    public string Name => "disputes-backlog";

    public string Reproduces => "Energy alert thresholds, dispute backlog: more disputes open than are resolved";

    public IReadOnlyList<Option> Options => [_oracle, _count];

    public async Task<DrillReport> RunAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var oracleUrl = ReadingSubmitCommand.Oracle.ResolveUrl(context.Value(_oracle));
        var target = context.Value(_count);
        using var provider = DrillProvider.For(context);
        var did = await provider.EnsureAsync(context, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var disputed = new HashSet<ulong>();
        var refused = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var posted = 0;
        var lastTimestamp = 0UL;
        var deadline = DateTimeOffset.UtcNow + Deadline;
        var open = (await OpenDrillDisputesAsync(context, cancellationToken).ConfigureAwait(false)).Count;
        var before = open;
        while (open < target)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException(CliErrors.Failed(
                    CoreReasonRegistry.Cli.Timeout,
                    $"only {open} of {target} drill disputes are open after {Deadline.TotalMinutes:0} minutes ({posted} readings posted, refused: {Describe(refused)}); its disputes stay open: contract-cli dev drill {Name} --recover resolves them"));
            }

            // A meter's readings need later timestamps (whole seconds): one round a second at most.
            var now = DateTimeOffset.UtcNow;
            if ((ulong)now.ToUnixTimeSeconds() <= lastTimestamp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1_000 - now.Millisecond), cancellationToken).ConfigureAwait(false);
                continue;
            }

            var (answers, timestamp) = await provider.PostAsync(http, oracleUrl, at => (ulong)at.ToUnixTimeSeconds(), cancellationToken).ConfigureAwait(false);
            lastTimestamp = timestamp;
            posted += answers.Values.Sum();
            await DisputeNewCreditsAsync(context, disputed, target - open, refused, cancellationToken).ConfigureAwait(false);
            open = (await OpenDrillDisputesAsync(context, cancellationToken).ConfigureAwait(false)).Count;
            context.Progress?.Write('.');
        }

        context.Progress?.WriteLine();
        return new DrillReport(
            Name,
            Recover: false,
            Reproduces,
            [
                .. did,
                $"posted {posted} readings of {DrillProvider.ProviderId} to the oracle at {oracleUrl} and disputed {disputed.Count} of its pending credits as their offtaker (reason \"{DisputeReason}\")",
                $"{open} disputes of the drill are open (there were {before}); nothing resolves them until --recover",
                refused.Count > 0 ? $"disputes the chain refused (their credit's window had closed): {Describe(refused)}" : "every dispute sent was opened",
            ],
            [
                "alert EnergyDisputeBacklogHigh (warning): energy_active_disputes_total > 20",
                "alert EnergyDisputeBacklogCritical (critical): energy_active_disputes_total > 50 (run with --count 55)",
                "energy_active_disputes_total",
                "contract-cli energy disputes list --status open | jq '.disputes | length'",
                $"recover: contract-cli dev drill {Name} --recover",
            ]);
    }

    public async Task<DrillReport> RecoverAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var open = await OpenDrillDisputesAsync(context, cancellationToken).ConfigureAwait(false);
        foreach (var dispute in open)
        {
            await context.CallAsync(EnergyRpc.DisputesResolve, new DisputeResolveParams(dispute.DisputeId, "rejected"), cancellationToken).ConfigureAwait(false);
            context.Progress?.Write('.');
        }

        context.Progress?.WriteLine();
        return new DrillReport(
            Name,
            Recover: true,
            Reproduces,
            [
                open.Count == 0
                    ? $"nothing to undo: no dispute of {DrillProvider.ProviderId} is open"
                    : $"resolved the drill's {open.Count} open disputes of {DrillProvider.ProviderId} as rejected (admin {EnergyMethods.DisputesResolve}): {string.Join(", ", open.Select(d => d.DisputeId))}",
                "their credits are pending again and settle from the drill's escrow; no provider was slashed",
            ],
            [
                "energy_active_disputes_total < 20   # EnergyDisputeBacklogHigh resolves",
                "contract-cli energy disputes list --status open | jq '.disputes | length'",
            ]);
    }

    /// <summary>Open disputes of the drill provider, newest first.</summary>
    private static async Task<List<DisputeView>> OpenDrillDisputesAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var list = await context.CallAsync(EnergyRpc.DisputesList, new DisputeListParams("open", CoreRpc.MaxListLimit), cancellationToken).ConfigureAwait(false);
        return [.. list.Disputes.Where(d => d.ProviderId == DrillProvider.ProviderId)];
    }

    /// <summary>
    /// Waits for pending credits of the drill provider not yet disputed, disputes up to <paramref name="wanted"/> of them
    /// (one transaction each, consecutive nonces, sent without waiting so they share a block), then waits for their fate.
    /// </summary>
    private static async Task DisputeNewCreditsAsync(
        CommandContext context, HashSet<ulong> disputed, int wanted, SortedDictionary<string, int> refused, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + RoundWait;
        List<CreditView> fresh;
        do
        {
            var pending = await context.CallAsync(EnergyRpc.CreditsList, new CreditListParams("pending", DrillProvider.ProviderId, CoreRpc.MaxListLimit), cancellationToken).ConfigureAwait(false);
            fresh = [.. pending.Credits.Where(c => !disputed.Contains(c.CreditId)).OrderBy(c => c.CreditId).Take(wanted)];
            if (fresh.Count > 0)
            {
                break;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
        while (DateTimeOffset.UtcNow < until);

        if (fresh.Count == 0)
        {
            return;
        }

        string address;
        using (var key = context.LoadSigningKey())
        {
            address = key.Address.ToString();
        }

        var nonce = (await context.CallAsync(CoreRpc.LedgerInspect, new LedgerInspectParams(address), cancellationToken).ConfigureAwait(false)).NextNonce;
        var sent = new List<string>();
        foreach (var credit in fresh)
        {
            disputed.Add(credit.CreditId);
            try
            {
                var settings = new SubmitSettings(Fee: 0, Nonce: nonce, Wait: false, TimeSpan.FromSeconds(SubmitOptions.DefaultTimeoutSeconds));
                var submitted = await TransactionSubmitter.SubmitAsync(context, new DisputeOpenPayload(credit.CreditId, DisputeReason), settings, cancellationToken).ConfigureAwait(false);
                sent.Add(submitted.GetProperty("tx_hash").GetString()!);
                nonce++;
            }
            catch (RpcCallException ex)
            {
                // Refused at admission (the window closed meanwhile): the nonce is still free for the next one.
                refused[ex.Reason] = refused.GetValueOrDefault(ex.Reason) + 1;
            }
        }

        foreach (var hash in sent)
        {
            var status = await WaitForFateAsync(context, hash, cancellationToken).ConfigureAwait(false);
            if (status.Status == TransactionStatuses.Rejected)
            {
                var reason = status.Reason ?? "rejected";
                refused[reason] = refused.GetValueOrDefault(reason) + 1;
            }
        }
    }

    private static async Task<TransactionStatus> WaitForFateAsync(CommandContext context, string hash, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(SubmitOptions.DefaultTimeoutSeconds);
        while (true)
        {
            var status = await context.CallAsync(CoreRpc.TxStatus, new TxStatusParams(hash), cancellationToken).ConfigureAwait(false);
            if (status.Status is TransactionStatuses.Committed or TransactionStatuses.Rejected || DateTimeOffset.UtcNow > until)
            {
                return status;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Describe(SortedDictionary<string, int> tally) =>
        tally.Count == 0 ? "none" : string.Join(", ", tally.Select(pair => $"{pair.Value} {pair.Key}"));
}
