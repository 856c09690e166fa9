using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;

namespace TheBlock.Server.Devnet;

/// <summary>The devnet's economics: a funded treasury, funded dev accounts, and a block reward that visibly accrues.</summary>
public static class DevnetGenesis
{
    public const string ChainId = Client.Core.DevnetChain.Id;
    public const ulong DevAccountBalance = 1_000_000_000;
    public const ulong TreasuryInitialCt = 10_000_000;

    /// <summary>The <c>it</c> sub-ledger collects market fees; the devnet seeds it so disbursements can draw on it before markets exist.</summary>
    public const ulong TreasuryInitialIt = 1_000_000;
    public const ulong BlockReward = 1_000;
    public const uint TreasuryPercent = 25;
    public const ulong DefaultEpochLength = 120;
    public const ulong DefaultBlockIntervalMs = 1_000;
    public const int MaxBlockTransactions = 5_000;
    public const ulong CliKeyVotingPower = 100;
    public const ulong OtherDevVotingPower = 50;
    public const uint QuorumPpm = 400_000;

    /// <summary>
    /// The first dev account (the CLI's key) chairs the council with enough power to pass a proposal alone (100 of 250,
    /// quorum 40 %); the other dev accounts, which the simulator drives, pass one with two of their votes; the
    /// validator key is the treasury executor.
    /// </summary>
    public static Genesis Create(
        byte[] validatorPublicKey,
        IEnumerable<Address> devAccounts,
        ulong epochLength,
        ulong blockIntervalMs,
        ulong genesisTimeMs,
        bool cascadeRollback = true,
        ModuleParameters? moduleParameters = null)
    {
        var accounts = devAccounts.ToList();
        var council = accounts.Select((address, index) => new CouncilMember(address, index == 0 ? CliKeyVotingPower : OtherDevVotingPower)).ToList();
        var governance = GovernanceParameters.WithDefaults(council, [Address.FromPublicKey(validatorPublicKey)]) with
        {
            QuorumPpm = QuorumPpm,
            CascadeRollback = cascadeRollback,
            DefaultTimelockEpochs = 0,
        };
        return new(
            ChainId,
            genesisTimeMs,
            new ChainParameters(BlockReward, TreasuryPercent, epochLength, blockIntervalMs, MaxBlockTransactions),
            [.. accounts.Select(address => new GenesisAllocation(address, DevAccountBalance))],
            new TreasuryBalances(TreasuryInitialCt, TreasuryInitialIt),
            [validatorPublicKey],
            governance,
            moduleParameters ?? ModuleParameters.None);
    }
}
