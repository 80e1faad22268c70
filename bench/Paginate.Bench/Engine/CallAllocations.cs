using BenchmarkDotNet.Attributes;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;

namespace Paginate.Bench.Engine;

/// <summary>
/// Bytes allocated per call and per page on the gateway's call path, measured by BenchmarkDotNet's memory
/// diagnoser: a page loop made per call (as the gateway makes one), 100-item pages fed from memory, the answer
/// written by <see cref="JsonResultWriter"/> to a null stream. A 1-page and a 20-page call give the fixed
/// cost of a call and the marginal cost of a page. Public and unsealed because BenchmarkDotNet requires it.
/// </summary>
[MemoryDiagnoser]
public class CallAllocations
{
    private HttpMessageInvoker _invoker = null!;
    private CompiledRunner _runner = null!;
    private readonly PageLoopOptions _options = new();

    [Params(1, 20)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _invoker = new HttpMessageInvoker(new InMemoryUpstream(BenchPages.Page(100, Pages)));
        var compiled = RunnerCompiler.Compile(new RunnerDefinition
        {
            Name = "bench",
            Request = new() { Url = "https://api.bench.example/v1/customers?limit=100" },
            Pagination = new() { Style = PaginationStyles.PageNumber, TotalPagesPath = "total_pages" },
            Response = new() { ItemsPath = "data" },
            Shape = new() { Mode = ShapeModes.Full },
            Limits = new() { MaxPages = Pages },
        });
        _runner = compiled.Runner ?? throw new InvalidOperationException("the bench runner does not compile");
    }

    [GlobalCleanup]
    public void Cleanup() => _invoker.Dispose();

    [Benchmark]
    public async Task<long> Call()
    {
        var loop = new PageLoop(_invoker, _options);
        await using var writer = new JsonResultWriter(Stream.Null);
        var result = await loop.RunAsync(_runner, new RunRequest(), writer, CancellationToken.None);
        await writer.CompleteAsync("rn_bench", result, CancellationToken.None);
        return result.Pages == Pages ? result.Items : throw new InvalidOperationException($"unexpected run: {result}");
    }
}
