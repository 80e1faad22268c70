using Paginate.DemoApi;

// A small paged API used by `./run.sh` and by the benchmarks. Every route serves the same
// deterministic customer list, cut into pages the way a well-known API family does it.
// Usage: dotnet Paginate.DemoApi.dll --urls http://127.0.0.1:8082
var app = DemoApiHost.Build(args);
app.Run();
