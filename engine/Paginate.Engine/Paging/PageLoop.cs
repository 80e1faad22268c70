using Paginate.Engine.Output;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Paging;

/// <summary>Runs a compiled runner: fetches every page, applies the stop rules, shapes and writes items.</summary>
public sealed class PageLoop
{
    private readonly HttpMessageInvoker _invoker;
    private readonly PageLoopOptions _options;

    /// <param name="invoker">The upstream client (the gateway hands in its guarded handler).</param>
    /// <param name="options">Clock, caps and observer; defaults when null.</param>
    public PageLoop(HttpMessageInvoker invoker, PageLoopOptions? options = null)
    {
        _invoker = invoker;
        _options = options ?? new PageLoopOptions();
    }

    public Task<RunResult> RunAsync(CompiledRunner runner, RunRequest request, IResultSink sink, CancellationToken cancellationToken)
    {
        _ = (_invoker, _options, runner, request, sink, cancellationToken);
        throw new NotImplementedException("engine: page loop");
    }
}
