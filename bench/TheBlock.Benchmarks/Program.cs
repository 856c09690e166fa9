using BenchmarkDotNet.Running;
using TheBlock.Benchmarks.Energy;
using TheBlock.Benchmarks.Load;
using TheBlock.Benchmarks.Receipts;
using TheBlock.Benchmarks.Rss;
using TheBlock.Benchmarks.Treasury;

// dotnet run -c Release --project bench/TheBlock.Benchmarks -- <mode>
//   load ...   open-loop JSON-RPC load against a local node (see LoadOptions.Usage)
//   rss ...    memory against chain length (see RssProbe.Usage)
//   disbursements ...  gov.treasury.list latency with many stored disbursements (see DisbursementListProbe.Usage)
//   audit-load ...     node.status latency while settlement audits run on a real node (see AuditLoadProbe.Usage)
//   energy-lists ...   energy.credits.list and energy.market latency with many credits and providers (see EnergyListProbe.Usage)
//   oracle-load ...    signed readings at a target rate through a running energy oracle (see OracleLoad.Usage)
//   receipts-lists ... receipts.stats and receipts.list latency over many receipts in real blocks (see ReceiptsListProbe.Usage)
//   emitter-load ...   signed receipts at a target rate through a running receipt-emitter (see EmitterLoad.Usage)
//   anything else goes to BenchmarkDotNet, e.g. --filter '*' or --list flat
return args switch
{
    ["load", .. var rest] => await LoadGenerator.RunAsync(rest),
    ["rss", .. var rest] => RssProbe.Run(rest),
    ["disbursements", .. var rest] => DisbursementListProbe.Run(rest),
    ["audit-load", .. var rest] => await AuditLoadProbe.RunAsync(rest),
    ["energy-lists", .. var rest] => EnergyListProbe.Run(rest),
    ["oracle-load", .. var rest] => await OracleLoad.RunAsync(rest),
    ["receipts-lists", .. var rest] => ReceiptsListProbe.Run(rest),
    ["emitter-load", .. var rest] => await EmitterLoad.RunAsync(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
#if DEBUG
    Console.Error.WriteLine("BenchmarkDotNet runs only in Release: dotnet run -c Release --project bench/TheBlock.Benchmarks -- --filter '*'");
    return 2;
#else
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(TheBlock.Benchmarks.BlockApplicationBenchmarks).Assembly).Run(args);
    return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
#endif
}
