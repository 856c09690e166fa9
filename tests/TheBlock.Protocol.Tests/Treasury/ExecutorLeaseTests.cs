using TheBlock.Protocol.Transactions;
using TheBlock.Protocol.Treasury;
using static TheBlock.Testing.TreasuryScenario;

namespace TheBlock.Protocol.Tests.Treasury;

/// <summary>The on-chain executor lease: who may take it, for how long, renewal, and takeover only after expiry.</summary>
public class ExecutorLeaseTests
{
    [Fact]
    public void An_executor_takes_the_lease_until_block_time_plus_ttl()
    {
        var scenario = Create();

        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 30));

        Assert.Equal(new ExecutorLease("node-a", scenario.Executors[0].Address, SecondsAt(1) + 30), scenario.State.Book.Lease);
    }

    [Fact]
    public void Another_executor_key_claiming_the_same_node_id_cannot_take_a_live_lease()
    {
        var scenario = Create();
        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 30));

        var refused = scenario.Reject(scenario.Lease(1, "node-a", ttlSeconds: 30));

        Assert.Equal(TreasuryReasons.LeaseHeldElsewhere, refused.Reason);
        Assert.Equal(scenario.Executors[0].Address, scenario.State.Book.Lease!.Executor);
    }

    [Fact]
    public void A_key_that_is_not_an_executor_cannot_take_the_lease()
    {
        var scenario = Create();

        Assert.Equal(TreasuryReasons.NotAnExecutor, scenario.Reject(scenario.Sign(scenario.Members[0], new ExecutorLeasePayload("node-a", 30))).Reason);
        Assert.Equal(TreasuryReasons.NotAnExecutor, scenario.Reject(scenario.Sign(scenario.Outsider, new ExecutorLeasePayload("node-a", 30))).Reason);
        Assert.Null(scenario.State.Book.Lease);
    }

    [Theory]
    [InlineData(0UL, false)]
    [InlineData(1UL, true)]
    [InlineData(600UL, true)]
    [InlineData(601UL, false)]
    [InlineData(ulong.MaxValue, false)]
    public void The_ttl_must_be_between_one_second_and_the_governance_maximum(ulong ttl, bool accepted)
    {
        var scenario = Create(maxLeaseTtlSeconds: 600);

        var proposed = scenario.Propose(scenario.Lease(0, ttlSeconds: ttl));

        if (accepted)
        {
            Assert.Empty(proposed.Dropped);
            Assert.Equal(SecondsAt(1) + ttl, scenario.State.Book.Lease!.ExpiresAt);
        }
        else
        {
            Assert.Equal(TreasuryReasons.InvalidLease, Assert.Single(proposed.Dropped).Rejection.Reason);
            Assert.Null(scenario.State.Book.Lease);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_holder_is_refused_before_the_state_is_read(string holder)
    {
        var scenario = Create();

        var rejection = TransactionExecutor.CheckStateless(scenario.Lease(0, holder), TestGenesis.ChainId, verifySignature: true);

        Assert.Equal(TreasuryReasons.InvalidLease, rejection?.Reason);
    }

    [Fact]
    public void A_holder_longer_than_64_characters_is_refused()
    {
        var scenario = Create();

        Assert.Null(TransactionExecutor.CheckStateless(scenario.Lease(0, new string('n', 64)), TestGenesis.ChainId, verifySignature: true));
        Assert.Equal(TreasuryReasons.InvalidLease, scenario.Reject(scenario.Lease(0, new string('n', 65))).Reason);
    }

    [Fact]
    public void The_holder_renews_its_live_lease_from_the_renewal_block_time()
    {
        var scenario = Create();
        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 10));
        scenario.AdvanceToHeight(5);

        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 10));

        Assert.Equal(new ExecutorLease("node-a", scenario.Executors[0].Address, SecondsAt(6) + 10), scenario.State.Book.Lease);
    }

    [Fact]
    public void Another_holder_cannot_take_a_live_lease_but_takes_it_once_it_expires()
    {
        var scenario = Create();
        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 5));
        var held = scenario.State.Book.Lease;
        scenario.AdvanceToHeight(4);

        // Height 5: one second before expiry (block 1 + 5 s = block 6's time).
        var refused = scenario.Reject(scenario.Lease(1, "node-b", ttlSeconds: 5));
        Assert.Equal(TreasuryReasons.LeaseHeldElsewhere, refused.Reason);
        Assert.Contains("node-a", refused.Message, StringComparison.Ordinal);
        Assert.Equal(held, scenario.State.Book.Lease);

        // Height 6: block time equals the expiry; the lease is over.
        scenario.Include(scenario.Lease(1, "node-b", ttlSeconds: 5));
        Assert.Equal(new ExecutorLease("node-b", scenario.Executors[1].Address, SecondsAt(6) + 5), scenario.State.Book.Lease);
    }

    [Fact]
    public void The_same_executor_under_another_holder_name_cannot_take_its_own_live_lease()
    {
        var scenario = Create();
        scenario.Include(scenario.Lease(0, "node-a"));

        Assert.Equal(TreasuryReasons.LeaseHeldElsewhere, scenario.Reject(scenario.Lease(0, "node-b")).Reason);
    }

    [Fact]
    public void After_a_takeover_the_previous_executor_can_no_longer_pay()
    {
        var scenario = Create();
        var id = scenario.QueueOne();
        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 2));
        scenario.Include();
        scenario.Include(scenario.Lease(1, "node-b", ttlSeconds: 60));

        Assert.Equal(TreasuryReasons.NotLeaseHolder, scenario.Reject(scenario.Payout(0, id)).Reason);
        scenario.Include(scenario.Payout(1, id));
        Assert.Equal(DisbursementState.Executed, scenario.Get(id).State);
    }

    [Fact]
    public void A_lease_change_is_committed_by_the_state_root()
    {
        var scenario = Create();
        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 30));
        var first = scenario.State.StateRoot;

        scenario.Include(scenario.Lease(0, "node-a", ttlSeconds: 30));

        Assert.NotEqual(first, scenario.State.StateRoot);
        scenario.Replay();
    }
}
