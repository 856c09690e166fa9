using System.Text.Json;
using System.Text.Json.Serialization;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Storage;

/// <summary>
/// The genesis file (JSON, snake_case). Its exact bytes are stored with the chain and hashed into block 0,
/// so a node can never silently start a chain from a different genesis.
/// </summary>
public static class GenesisFile
{
    public static Hash32 Hash(byte[] json) => Hash32.Sha256(json);

    public static byte[] Serialize(Genesis genesis)
    {
        var document = new GenesisDocument
        {
            ChainId = genesis.ChainId,
            GenesisTimeMs = genesis.GenesisTimeMs,
            BlockReward = genesis.Parameters.BlockReward,
            TreasuryPercent = genesis.Parameters.TreasuryPercent,
            EpochLength = genesis.Parameters.EpochLength,
            BlockIntervalMs = genesis.Parameters.BlockIntervalMs,
            MaxBlockTransactions = genesis.Parameters.MaxBlockTransactions,
            Treasury = new GenesisTreasury { Ct = genesis.Treasury.Ct, It = genesis.Treasury.It },
            Allocations = [.. genesis.Allocations.Select(a => new GenesisAllocationDocument { Address = a.Address.ToString(), Amount = a.Amount })],
            Validators = [.. genesis.Validators.Select(Convert.ToBase64String)],
            Governance = GovernanceDocument.From(genesis.Governance),
            Modules = genesis.Modules.Sections.Count == 0 ? null : genesis.Modules.Sections.ToDictionary(
                section => section.Key, Dictionary<string, ulong>? (section) => section.Value.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, GenesisJsonContext.Default.GenesisDocument);
    }

    /// <summary>Parses and validates a genesis file; every problem found is in the exception's message.</summary>
    public static Genesis Parse(byte[] json)
    {
        GenesisDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, GenesisJsonContext.Default.GenesisDocument);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"genesis is not valid JSON: {ex.Message}", ex);
        }

        if (document is null)
        {
            throw new FormatException("genesis is empty");
        }

        var problems = new List<string>();
        var allocations = new List<GenesisAllocation>();
        foreach (var allocation in document.Allocations ?? [])
        {
            if (Address.TryParse(allocation.Address, out var address, out var error))
            {
                allocations.Add(new GenesisAllocation(address, allocation.Amount));
            }
            else
            {
                problems.Add($"allocations: {error}");
            }
        }

        var validators = new List<byte[]>();
        foreach (var validator in document.Validators ?? [])
        {
            try
            {
                validators.Add(Convert.FromBase64String(validator));
            }
            catch (FormatException)
            {
                problems.Add($"validators: \"{validator}\" is not base64");
            }
        }

        GovernanceParameters governance;
        if (document.Governance is null)
        {
            problems.Add("governance: the section is required (council, quorum_ppm, threshold_ppm, executors, …)");
            governance = GovernanceParameters.WithDefaults([], []);
        }
        else
        {
            governance = document.Governance.ToParameters(problems);
        }

        var genesis = new Genesis(
            document.ChainId ?? string.Empty,
            document.GenesisTimeMs,
            new ChainParameters(document.BlockReward, document.TreasuryPercent, document.EpochLength, document.BlockIntervalMs, document.MaxBlockTransactions),
            allocations,
            new TreasuryBalances(document.Treasury?.Ct ?? 0, document.Treasury?.It ?? 0),
            validators,
            governance,
            new ModuleParameters((document.Modules ?? []).ToDictionary(
                section => section.Key, IReadOnlyDictionary<string, ulong> (section) => section.Value ?? [], StringComparer.Ordinal)));
        problems.AddRange(genesis.Problems());
        problems.AddRange(genesis.Modules.Problems(StandardChain.Modules));
        if (problems.Count > 0)
        {
            throw new FormatException("invalid genesis: " + string.Join("; ", problems));
        }

        return genesis;
    }
}

internal sealed class GenesisDocument
{
    public string? ChainId { get; set; }

    public ulong GenesisTimeMs { get; set; }

    public ulong BlockReward { get; set; }

    public uint TreasuryPercent { get; set; }

    public ulong EpochLength { get; set; } = 120;

    public ulong BlockIntervalMs { get; set; } = 1000;

    public int MaxBlockTransactions { get; set; } = 5000;

    public GenesisTreasury? Treasury { get; set; }

    public List<GenesisAllocationDocument>? Allocations { get; set; }

    public List<string>? Validators { get; set; }

    public GovernanceDocument? Governance { get; set; }

    /// <summary>Per module, the parameters this chain sets (the rest take the module's defaults); left out when none are set.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, Dictionary<string, ulong>?>? Modules { get; set; }
}

internal sealed class GenesisTreasury
{
    public ulong Ct { get; set; }

    public ulong It { get; set; }
}

internal sealed class GenesisAllocationDocument
{
    public string? Address { get; set; }

    public ulong Amount { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(GenesisDocument))]
[JsonSerializable(typeof(GovernanceDocument))]
internal sealed partial class GenesisJsonContext : JsonSerializerContext;
