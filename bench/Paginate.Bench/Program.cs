using Paginate.Bench.Engine;

// Dispatch by the first argument: one entry per benchmark family, e.g.
//   dotnet run -c Release --project bench/Paginate.Bench -- engine
return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Paginate.Bench <benchmark> [options]");
    Console.Error.WriteLine("  engine [--no-write]   page loop throughput and streaming memory (writes bench/RESULTS.md)");
    return 2;
}
