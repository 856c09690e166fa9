using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TheBlock.Cli.Transactions;
using TheBlock.Client.Energy;
using TheBlock.Client.Rpc;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Energy;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Cli.Commands.Energy;

/// <summary>
/// The energy provider the clock-skew and disputes-backlog drills sign real readings for: owned by the CLI key, selling
/// to the CLI key as its own offtaker (so the CLI key may dispute its credits), with five meters. Its meter key is
/// derived from the CLI key (a hash of the CLI key's signature over a fixed label; Ed25519 signatures are
/// deterministic), so a later run or <c>--recover</c> signs with the same key without a key file. Registered on first
/// use, then reused; its readings use the wall clock for nonce (ms) and total (s), so runs never replay each other.
/// </summary>
internal sealed class DrillProvider : IDisposable
{
    public const string ProviderId = "provider_drill";
    public const ulong PricePerKwh = 1;

    /// <summary>Ten times the default <c>energy.min_stake</c>; a chain that asks more refuses with <c>stake_below_minimum</c>.</summary>
    private const ulong Stake = 10_000;

    /// <summary>A reading a second adds about 1 kWh; this is room for hours of drills.</summary>
    private const ulong EscrowLow = 10_000;
    private const ulong EscrowTopUp = 100_000;

    private static readonly byte[] MeterKeyLabel = Encoding.UTF8.GetBytes("the-block dev drill meter key for " + ProviderId);
    private static readonly TimeSpan KeySyncWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly SigningKey _meterKey;

    private DrillProvider(Address owner, SigningKey meterKey)
    {
        Owner = owner;
        _meterKey = meterKey;
    }

    public static IReadOnlyList<string> Meters { get; } = ["drill_meter_001", "drill_meter_002", "drill_meter_003", "drill_meter_004", "drill_meter_005"];

    /// <summary>The CLI key's address: the provider's owner and offtaker.</summary>
    public Address Owner { get; }

    /// <summary>The drill provider of the CLI key, without touching the chain.</summary>
    public static DrillProvider For(CommandContext context)
    {
        using var cliKey = context.LoadSigningKey();
        var seed = SHA256.HashData(cliKey.Sign(MeterKeyLabel));
        return new DrillProvider(cliKey.Address, SigningKey.FromSeed(seed));
    }

    /// <summary>Registers the provider when the chain does not have it, and keeps its escrow funded; returns what it did.</summary>
    public async Task<List<string>> EnsureAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var did = new List<string>();
        var settings = new SubmitSettings(Fee: 0, Nonce: null, Wait: true, TimeSpan.FromSeconds(SubmitOptions.DefaultTimeoutSeconds));
        var existing = await FindAsync(context, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var terms = new ProviderTerms(Meters, 10_000, PricePerKwh, "DRILL", Owner);
            await TransactionSubmitter.SubmitAsync(context, new ProviderRegisterPayload(ProviderId, _meterKey.PublicKey, terms, Stake), settings, cancellationToken).ConfigureAwait(false);
            did.Add($"registered provider {ProviderId} (owner and offtaker: the CLI key {Owner}; meters {string.Join(", ", Meters)}; key derived from the CLI key)");
        }
        else if (existing.Status != "active")
        {
            throw new CliException(CliErrors.Failed(
                EnergyReasons.ProviderInactive,
                $"the drill provider {ProviderId} is {existing.Status}, not active, so its readings cannot be accepted; start a fresh devnet (or use another CLI key)"));
        }
        else if (existing.PublicKey != Convert.ToBase64String(_meterKey.PublicKey))
        {
            await TransactionSubmitter.SubmitAsync(context, new ProviderRotateKeyPayload(ProviderId, _meterKey.PublicKey), settings, cancellationToken).ConfigureAwait(false);
            did.Add($"rotated {ProviderId}'s meter key to the one derived from this CLI key");
        }

        var escrow = await context.CallAsync(EnergyRpc.EscrowShow, new EscrowShowParams(Owner.ToString()), cancellationToken).ConfigureAwait(false);
        if (escrow.Escrow < EscrowLow)
        {
            await TransactionSubmitter.SubmitAsync(context, new EscrowDepositPayload(EscrowTopUp), settings, cancellationToken).ConfigureAwait(false);
            did.Add($"deposited {EscrowTopUp} CT of escrow for the drill provider's credits");
        }

        return did;
    }

    /// <summary>The provider as the chain has it, or null before its registration.</summary>
    public static async Task<ProviderView?> FindAsync(CommandContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await context.CallAsync(EnergyRpc.ProviderShow, new ProviderShowParams(ProviderId), cancellationToken).ConfigureAwait(false);
        }
        catch (RpcCallException ex) when (ex.Reason == EnergyReasons.ProviderNotFound)
        {
            return null;
        }
    }

    /// <summary>One reading per meter, signed with the drill's key at <paramref name="timestamp"/> (unix s); nonce and total follow the wall clock.</summary>
    private List<ReadingSubmission> Readings(DateTimeOffset now, ulong timestamp)
    {
        var nonceBase = (ulong)now.ToUnixTimeMilliseconds() * 10;
        var total = (ulong)now.ToUnixTimeSeconds();
        var readings = new List<ReadingSubmission>(Meters.Count);
        for (var i = 0; i < Meters.Count; i++)
        {
            var nonce = nonceBase + (ulong)i;
            var message = SignedReading.SigningMessage(ProviderId, Meters[i], total, timestamp, nonce);
            readings.Add(ReadingSubmission.From(new SignedReading(ProviderId, Meters[i], total, timestamp, nonce, _meterKey.Sign(message))));
        }

        return readings;
    }

    /// <summary>
    /// Posts one reading per meter, stamped <paramref name="timestampOf"/>(now), to the oracle and tallies the answers
    /// by reason (or status); while the oracle has not yet synced the just-registered key (<c>key_not_found</c>) it
    /// posts a fresh batch again, for up to 30 s. Returns the tally and the last batch's timestamp.
    /// </summary>
    public async Task<(SortedDictionary<string, int> Tally, ulong Timestamp)> PostAsync(
        HttpClient http, string oracleUrl, Func<DateTimeOffset, ulong> timestampOf, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + KeySyncWait;
        while (true)
        {
            var now = DateTimeOffset.UtcNow;
            var timestamp = timestampOf(now);
            var body = JsonSerializer.Serialize(Readings(now, timestamp), EnergyJsonContext.Default.IReadOnlyListReadingSubmission);
            var answer = await ReadingSubmitCommand.Oracle.PostAsync(http, oracleUrl, "/readings", body, cancellationToken).ConfigureAwait(false);
            var tally = Tally(answer);
            if (!tally.ContainsKey(EnergyReasons.KeyNotFound) || now > deadline)
            {
                return (tally, timestamp);
            }

            await Task.Delay(RetryInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _meterKey.Dispose();

    private static SortedDictionary<string, int> Tally(JsonElement answer)
    {
        var tally = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (!answer.TryGetProperty("results", out var results))
        {
            return tally;
        }

        foreach (var result in results.EnumerateArray())
        {
            var reason = result.TryGetProperty("reason", out var r) && r.GetString() is { } text ? text : result.GetProperty("status").GetString() ?? "unknown";
            tally[reason] = tally.GetValueOrDefault(reason) + 1;
        }

        return tally;
    }
}
