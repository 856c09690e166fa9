using TheBlock.Cli.Tests.Support;

namespace TheBlock.Cli.Tests.Treasury;

/// <summary>Canned treasury and audit results shaped like the node's (docs/TREASURY.md), for the fake server.</summary>
internal static class TreasurySamples
{
    public const string Executor = """
        {"enabled":true,"paused":false,"node_id":"node_a","last_error":"insufficient_funds",
         "last_error_detail":"disbursement 7 needs 900 CT (ct); the treasury holds 500","last_error_at":1700000100,
         "last_success_at":1700000000,"last_tick_at":1700000101,"pending_matured":3,"staged":0,
         "lease_holder":"node_a","lease_expires_at":1700000160}
        """;

    public const string Balance = $$"""
        {"balance_ct":10000000,"balance_it":250000,"escrow_ct":2000,"escrow_it":0,"executor":{{Executor}}}
        """;

    public static string Disbursement(ulong id, string state = "voting", ulong yes = 0, ulong no = 0, ulong abstain = 0, string deps = "[]") => $$"""
        {"id":{{id}},"title":"Grant {{id}}","summary":"","destination":"{{TestKeys.FilledAddress(2)}}","amount_ct":900,"amount_it":0,
         "memo":"","scheduled_epoch":0,"expected_receipts":[],"proposer":"{{TestKeys.FilledAddress(1)}}",
         "created_at":1700000000,"updated_at":1700000050,"created_height":40,"created_tx":"{{Samples.Hash}}",
         "proposal":{"deps":{{deps}},"vote_window_epochs":2,"timelock_epochs":1,"rollback_window_epochs":3,
           "quorum_ppm":500000,"threshold_ppm":600000,"total_voting_power":100,"voting_ends_height":61,
           "timelock_ends_height":null,"finalizes_at_height":null,
           "votes":{"yes":{{yes}},"no":{{no}},"abstain":{{abstain}},"cast":[]},
           "rollback_votes":{"power":0,"needed":60,"cast":[]} },
         "status":{"state":"{{state}}","since":1700000050,"reason":null,"tx_hash":null,"queued_at":null,
           "executed_at":null,"finalized_at":null,"rolled_back_at":null} }
        """;

    public static string List(params ulong[] ids) => $$"""
        {"disbursements":[{{string.Join(",", ids.Select(id => Disbursement(id, "queued")))}}],"total":{{ids.Length}},
         "total_amount_ct":{{900 * ids.Length}},"total_amount_it":0,"next_cursor":null}
        """;

    /// <summary>The runbook's successful example: 10,000,000 + 1,500,000 − 2,000,000 = 9,500,000 (ct and it together).</summary>
    public static string Audit(ulong ctRolledBack = 0) => $$"""
        {"from_epoch":0,"to_epoch":1000,"from_height":0,"to_height":120000,
         "ct":{"initial":9000000,"accruals":1000000,"executed":1500000,"rolled_back_from_escrow":{{ctRolledBack}},
               "expected_final":{{8500000 + ctRolledBack}},"final":{{8500000 + ctRolledBack}}},
         "it":{"initial":1000000,"accruals":500000,"executed":500000,"rolled_back_from_escrow":0,"expected_final":1000000,"final":1000000},
         "escrow":{"initial":0,"executed":2000000,"finalized":2000000,"rolled_back":{{ctRolledBack}},"expected_final":0,"final":0},
         "conserved":true,"discrepancies":[]}
        """;

    /// <summary>The runbook's failed example: the ct sub-ledger is 200,000 CT short, behind disbursements 4521 and 4522.</summary>
    public static string FailedAudit(bool escrowToo = false) => $$"""
        {"from_epoch":0,"to_epoch":1000,"from_height":0,"to_height":120000,
         "ct":{"initial":9000000,"accruals":1000000,"executed":500000,"rolled_back_from_escrow":0,"expected_final":9500000,"final":9300000},
         "it":{"initial":0,"accruals":0,"executed":0,"rolled_back_from_escrow":0,"expected_final":0,"final":0},
         "escrow":{"initial":0,"executed":500000,"finalized":0,"rolled_back":0,"expected_final":500000,"final":{{(escrowToo ? 512345 : 500000)}}},
         "conserved":false,
         "discrepancies":[
           {"account":"treasury","sub_ledger":"ct","expected":9500000,"actual":9300000,"difference":-200000,"percent":-2.1052631578947367,
            "disbursement_ids":[4521,4522]}{{(escrowToo ? ",\n" + EscrowDiscrepancy : string.Empty)}}]}
        """;

    private const string EscrowDiscrepancy = """
        {"account":"treasury_escrow","sub_ledger":null,"expected":500000,"actual":512345,"difference":12345,"percent":2.469,"disbursement_ids":[]}
        """;
}
