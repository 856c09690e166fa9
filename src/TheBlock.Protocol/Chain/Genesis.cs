using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;

namespace TheBlock.Protocol.Chain;

/// <summary>Everything the chain starts from. Its hash (of the genesis file's bytes) is block 0's previous hash.</summary>
public sealed record Genesis(
    string ChainId,
    ulong GenesisTimeMs,
    ChainParameters Parameters,
    IReadOnlyList<GenesisAllocation> Allocations,
    TreasuryBalances Treasury,
    IReadOnlyList<byte[]> Validators,
    GovernanceParameters Governance,
    ModuleParameters Modules)
{
    /// <summary>All that is wrong with this genesis, not just the first thing.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Parameters.Problems());
        problems.AddRange(Governance.Problems());
        if (string.IsNullOrWhiteSpace(ChainId) || ChainId.Length > 64)
        {
            problems.Add("chain_id must be 1 to 64 characters");
        }

        if (Validators.Count == 0)
        {
            problems.Add("validators must name at least one validator public key");
        }

        foreach (var validator in Validators)
        {
            if (validator.Length != Ed25519.PublicKeySize)
            {
                problems.Add($"a validator public key is {validator.Length} bytes; expected {Ed25519.PublicKeySize}");
            }
        }

        var seen = new HashSet<Primitives.Address>();
        foreach (var allocation in Allocations)
        {
            if (!seen.Add(allocation.Address))
            {
                problems.Add($"allocation to {allocation.Address} appears more than once");
            }
        }

        if (TotalSupply() is not { } supply)
        {
            problems.Add($"total genesis supply exceeds {LedgerLimits.MaxSupply} CT");
        }
        else if (Parameters.BlockReward <= ChainParameters.MaxBlockReward
            && supply + ((UInt128)Parameters.BlockReward * ChainParameters.BlocksIn1000YearsAtMinInterval) > LedgerLimits.MaxSupply)
        {
            // Rewards above the cap are already a block_reward problem; this is the cap with this genesis's supply.
            var mintable = (UInt128)Parameters.BlockReward * ChainParameters.BlocksIn1000YearsAtMinInterval;
            problems.Add(
                $"genesis supply {supply} CT plus {ChainParameters.GuaranteedYears} years of block_reward {Parameters.BlockReward} CT " +
                $"at {ChainParameters.MinBlockIntervalMs} ms blocks ({mintable} CT) exceeds the ledger's {LedgerLimits.MaxSupply} CT; " +
                $"with this genesis supply block_reward may be at most {(LedgerLimits.MaxSupply - supply) / ChainParameters.BlocksIn1000YearsAtMinInterval}");
        }

        return problems;
    }

    /// <summary>Allocations plus the treasury, or null when that overflows the ledger's range.</summary>
    public ulong? TotalSupply()
    {
        UInt128 total = (UInt128)Treasury.Ct + Treasury.It;
        foreach (var allocation in Allocations)
        {
            total += allocation.Amount;
        }

        return total > LedgerLimits.MaxSupply ? null : (ulong)total;
    }
}
