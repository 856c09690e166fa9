namespace TheBlock.Cli.Tests.Energy;

/// <summary>Energy RPC results as a node answers them (docs/ENERGY.md, "Commands and RPC").</summary>
internal static class EnergySamples
{
    public const string ProviderId = "provider_usa_001";

    public static string PublicKey { get; } = Convert.ToBase64String(new byte[32]);

    public static string Market { get; } = $$"""
        {"providers":[{"provider_id":"{{ProviderId}}","owner":"{{TestKeys.FilledAddress(1)}}","status":"active","reputation_score":0.9,
          "reputation":{"composite_score":0.9,"delivery":0.9,"meter":0.9,"latency":0.9,"capacity":0.9,"confidence":0.0,"evidence":0},
          "capacity_kwh":10000,"price_per_kwh":3,"jurisdiction":"US-CA","offtaker":"{{TestKeys.FilledAddress(2)}}","stake":5000,
          "open_credits":1,"settled_kwh":250,"last_settlement":1700000000}],
         "summary":{"providers":1,"by_status":{"active":1,"suspended":0,"slashed":0,"inactive":0,"unregistered":0},
          "pending_credits":1,"pending_kwh":100,"active_disputes":0,"settled_kwh":250} }
        """;

    public static string Provider { get; } = $$"""
        {"provider_id":"{{ProviderId}}","owner":"{{TestKeys.FilledAddress(1)}}","status":"active","reputation_score":0.9,
         "reputation":{"composite_score":0.9,"delivery":0.9,"meter":0.9,"latency":0.9,"capacity":0.9,"confidence":0.0,"evidence":0},
         "public_key":"{{PublicKey}}","key_since_height":3,"meters":["meter_001","meter_002"],"capacity_kwh":10000,"price_per_kwh":3,
         "jurisdiction":"US-CA","offtaker":"{{TestKeys.FilledAddress(2)}}","offtaker_escrow":99250,"stake":5000,"open_credits":1,
         "settled_kwh":250,"slashed_total":0,"upheld_disputes":0,"last_settlement":null,"last_reading_at":1700000000,
         "registered_height":3,"registered_at":1699999000,"updated_at":1699999000}
        """;

    public static string Credits { get; } = """
        {"credits":[{"credit_id":2,"provider_id":"provider_usa_001","meter":"meter_001","amount_kwh":100,"price_per_kwh":3,
          "reading_timestamp":1700000000,"created_at":1700000001,"created_height":9,"status":"pending","settled_at":null,
          "receipt_id":null,"payment":null,"fee":null,"dispute_id":null}],"next_before_id":null}
        """;

    public static string Disputes { get; } = $$"""
        {"disputes":[{"dispute_id":1,"credit_id":2,"provider_id":"provider_usa_001","reason":"too much","opened_by":"{{TestKeys.FilledAddress(2)}}",
          "status":"resolved","outcome":"upheld","opened_at":1700000002,"resolved_at":1700000010,"slashed":500}]}
        """;

    public static string Dispute { get; } = $$"""
        {"dispute_id":1,"credit_id":2,"provider_id":"provider_usa_001","reason":"too much","opened_by":"{{TestKeys.FilledAddress(2)}}",
         "status":"resolved","outcome":"upheld","opened_at":1700000002,"resolved_at":1700000010,"slashed":500,"credit":null,
         "evidence":{"meter":"meter_001","amount_kwh":100,"reading_timestamp":1700000000,"opened_height":10,"resolved_by":null,"resolved_height":12} }
        """;
}
