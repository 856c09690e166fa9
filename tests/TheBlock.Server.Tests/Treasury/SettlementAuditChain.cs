using System.Globalization;
using Microsoft.Data.Sqlite;
using TheBlock.Protocol;
using TheBlock.Protocol.Chain;
using TheBlock.Protocol.Crypto;
using TheBlock.Protocol.Governance;
using TheBlock.Protocol.Ledger;
using TheBlock.Protocol.Modules;
using TheBlock.Protocol.Primitives;
using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using TheBlock.Storage;

namespace TheBlock.Server.Tests.Treasury;

/// <summary>
/// The runbook's settlement-audit chain: epochs <see cref="StartingEpoch"/>..<see cref="EndingEpoch"/> (environment
/// STARTING_EPOCH and ENDING_EPOCH, defaults 0 and 1000) of 3-block epochs, built with the real
/// <see cref="BlockExecutor"/> and committed to a real <see cref="ChainDatabase"/> in a node data directory, through
/// the last block of <see cref="EndingEpoch"/>. Block rewards accrue to the treasury; every 3 epochs the council
/// proposes a disbursement and votes on it (1 in 7 voted down), the executor takes the lease and pays every queued
/// one, a third of the paid ones are rolled back inside their rollback window (and their dependents with them), the
/// rest are finalized. Keys come from fixed seeds and times from the block heights: every run builds the same chain.
/// The database is closed once built, as a stopped node leaves it.
/// </summary>
public sealed class SettlementAuditChain : IDisposable
{
    public const ulong EpochLength = 3;
    public const string ChainId = "audit-testnet";
    public const ulong GenesisTimeMs = 1_767_225_600_000;
    public const ulong BlockIntervalMs = 1_000;
    public const ulong BlockReward = 5_000;
    public const uint TreasuryPercent = 10;
    public const ulong CreateEveryBlocks = 3 * EpochLength;
    public const string ValidatorLabel = "validator";
    private const ulong LeaseTtlSeconds = 600;

    private readonly SigningKey _council = KeyFor("council");
    private readonly SigningKey _executor = KeyFor("executor");
    private readonly SigningKey _validator = KeyFor(ValidatorLabel);
    private readonly SigningKey _sender = KeyFor("sender");

    public SettlementAuditChain()
        : this(EpochFromEnvironment("STARTING_EPOCH", 0), EpochFromEnvironment("ENDING_EPOCH", 1000))
    {
    }

    internal SettlementAuditChain(ulong startingEpoch, ulong endingEpoch)
    {
        StartingEpoch = startingEpoch;
        EndingEpoch = endingEpoch;
        DataDir = Directory.CreateTempSubdirectory("theblock-settlement-audit-").FullName;
        var genesis = new Genesis(
            ChainId,
            GenesisTimeMs,
            new ChainParameters(BlockReward, TreasuryPercent, EpochLength, BlockIntervalMs, MaxBlockTransactions: 100),
            [new GenesisAllocation(_council.Address, 1_000_000), new GenesisAllocation(_executor.Address, 1_000_000), new GenesisAllocation(_sender.Address, 1_000_000)],
            new TreasuryBalances(9_000_000, 1_000_000),
            [_validator.PublicKey],
            GovernanceParameters.WithDefaults([new CouncilMember(_council.Address, 100)], [_executor.Address]),
            ModuleParameters.None);
        GenesisJson = GenesisFile.Serialize(genesis);
        Genesis = GenesisFile.Parse(GenesisJson);
        File.WriteAllBytes(Path.Combine(DataDir, "genesis.json"), GenesisJson);
        Build();
    }

    public ulong StartingEpoch { get; }

    public ulong EndingEpoch { get; }

    public string DataDir { get; }

    public string DatabasePath => Path.Combine(DataDir, "chain.db");

    public byte[] GenesisJson { get; }

    public Genesis Genesis { get; }

    /// <summary>The state after the last block, as the producer saw it.</summary>
    public ChainState State { get; private set; } = null!;

    public ulong HeadHeight => State.Height;

    public int Paid { get; private set; }

    public int RolledBackAfterPayment { get; private set; }

    public int Finalized { get; private set; }

    public static SigningKey KeyFor(string label) =>
        SigningKey.FromSeed(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes("TheBlock/settlement-audit/" + label)).ToArray());

    /// <summary>A copy of the chain's data directory (genesis and database) for a test that tampers with it.</summary>
    public string CopyDataDir()
    {
        var copy = Directory.CreateTempSubdirectory("theblock-settlement-audit-copy-").FullName;
        foreach (var file in Directory.GetFiles(DataDir))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var key in new[] { _council, _executor, _validator, _sender })
        {
            key.Dispose();
        }

        TempDirectory.Delete(DataDir);
    }

    private static ulong EpochFromEnvironment(string name, ulong defaultValue)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return defaultValue;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            ? epoch
            : throw new InvalidOperationException($"{name} is \"{text}\"; expected a non-negative integer epoch");
    }

    private void Build()
    {
        if (StartingEpoch > EndingEpoch)
        {
            throw new InvalidOperationException($"STARTING_EPOCH {StartingEpoch} is after ENDING_EPOCH {EndingEpoch}");
        }

        var lastHeight = (EndingEpoch + 1) * EpochLength - 1;
        using var chain = StoredTestChain.Create(DatabasePath, GenesisJson, _validator, maintainInBackground: true);
        State = chain.State;
        while (State.Height < lastHeight)
        {
            var proposed = chain.ProposeIncluding(NextTransactions(chain));
            var before = State.Book.Active.Values.ToDictionary(d => d.Id, d => d.State);
            chain.Commit(proposed);
            Count(before, proposed.Effects);
        }

        State.VerifyConservation();
    }

    /// <summary>The transactions of the next block, decided from the committed state.</summary>
    private List<Transaction> NextTransactions(TestChain chain)
    {
        var height = State.Height + 1;
        var nowSeconds = (State.LastBlockTimeMs + BlockIntervalMs) / 1000;
        var transactions = new List<Transaction>();
        if (height % CreateEveryBlocks == 1)
        {
            var id = State.Book.NextId;
            IReadOnlyList<ulong> deps = id % 5 == 0 ? [id - 1] : [];
            var proposal = new DisbursementProposal(
                $"Grant {id}",
                "Settlement audit test grant",
                Recipient(id),
                10_000 + (id % 4 * 2_500),
                id % 2 == 1 ? 1_500UL : 0UL,
                string.Empty,
                ScheduledEpoch: 0,
                ExpectedReceipts: [],
                Deps: deps,
                VoteWindowEpochs: 1,
                TimelockEpochs: 0,
                RollbackWindowEpochs: 1);
            transactions.Add(chain.SignNext(_council, new DisbursementCreatePayload(proposal)));
            transactions.Add(chain.SignNext(_council, new VotePayload(id, id % 7 == 3 ? VoteChoice.No : VoteChoice.Yes)));
        }

        var queued = State.Book.ActiveInOrder.Where(d => d.State == DisbursementState.Queued).ToList();
        if (queued.Count > 0)
        {
            if (State.Book.Lease is not { } lease || lease.ExpiresAt <= nowSeconds + 10)
            {
                transactions.Add(chain.SignNext(_executor, new ExecutorLeasePayload("audit-node", LeaseTtlSeconds)));
            }

            transactions.AddRange(queued.Select(d => chain.SignNext(_executor, new DisbursementPayoutPayload(d.Id))));
        }

        foreach (var executed in State.Book.ActiveInOrder.Where(d => d.State == DisbursementState.Executed && d.Id % 3 == 0))
        {
            transactions.Add(chain.SignNext(_council, new DisbursementRollbackPayload(executed.Id, "Recipient failed verification")));
        }

        if (height % 2 == 0)
        {
            transactions.Add(chain.SignNext(_sender, new TransferPayload(Recipient(height), 1 + (height % 10)), fee: 1));
        }

        return transactions;
    }

    private void Count(Dictionary<ulong, DisbursementState> before, BlockEffects effects)
    {
        foreach (var disbursement in effects.ChangedDisbursements)
        {
            var previous = before.GetValueOrDefault(disbursement.Id);
            switch (disbursement.State)
            {
                case DisbursementState.Executed when previous != DisbursementState.Executed:
                    Paid++;
                    break;
                case DisbursementState.Finalized:
                    Finalized++;
                    break;
                case DisbursementState.RolledBack when disbursement.ExecutedHeight is not null:
                    RolledBackAfterPayment++;
                    break;
            }
        }
    }

    private static Address Recipient(ulong index) =>
        new(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"TheBlock/settlement-audit/recipient/{index % 16}")).ToArray().AsSpan(0, Address.Size));
}
