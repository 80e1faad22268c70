using Paginate.Bench;
using Paginate.Bench.Engine;

// Dispatch by the first argument: one entry per benchmark family, e.g.
//   dotnet run -c Release --project bench/Paginate.Bench -- engine
//   bench/run.sh   (runs `gateway` with the paths of the Release builds)
return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(args[1..]),
    "ahead" => await AheadBenchmark.RunAsync(args[1..]),
    "http2" => await Http2Benchmark.RunAsync(args[1..]),
    "gateway" => await GatewayBench.RunAsync(args[1..]),
    "script" => Paginate.Bench.ScriptBench.Run(args[1..]),
    "allocs" => AllocationBench.Run(args[1..]),
    "fleet" => await Paginate.Bench.Fleet.FleetBench.RunAsync(args[1..]),
    "circuit" => await Paginate.Bench.Fleet.CircuitBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Paginate.Bench <benchmark> [options]");
    Console.Error.WriteLine("  engine [--no-write]   page loop throughput and streaming memory (writes bench/RESULTS.md)");
    Console.Error.WriteLine("  ahead [--no-write]    pages requested ahead without a total, max_concurrency 1/4/8 (writes bench/RESULTS.md)");
    Console.Error.WriteLine("  http2 [--no-write]    parallel pages over TLS: HTTP/1.1 against HTTP/2 (writes bench/RESULTS.md)");
    Console.Error.WriteLine("  gateway [--quick] ... the gateway side by side with a plain loop, got, nginx and the upstream (use bench/run.sh)");
    Console.Error.WriteLine("  script [--no-write]   script paging cost per page (writes bench/RESULTS-script.md)");
    Console.Error.WriteLine("  allocs [artifacts]    bytes allocated per call and per page (BenchmarkDotNet memory diagnoser)");
    Console.Error.WriteLine("  fleet --gateway-dll P --results P   two gateways, one shared rate budget, a 25 rps upstream");
    Console.Error.WriteLine("  circuit --gateway-dll P --results P time to refuse a call with an open circuit (appends to the results)");
    return 2;
}
