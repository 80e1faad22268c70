using Paginate.Bench;

// Benchmarks. The first argument picks the suite:
//   gateway   the gateway side by side with a plain loop, got, nginx and the upstream (bench/run.sh)
return args.Length > 0 && args[0] == "gateway"
    ? await GatewayBench.RunAsync(args[1..])
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("usage: Paginate.Bench gateway [--quick] [--reps N] [--only 1,4] ... (see bench/run.sh)");
    return 2;
}
