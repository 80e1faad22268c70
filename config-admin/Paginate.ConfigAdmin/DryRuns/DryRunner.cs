using System.Buffers;
using System.Text.Json;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Runners;
using Paginate.ConfigAdmin.Upstream;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// Runs a runner in-process for a test: the engine's own page loop over the guarded upstream client,
/// items collected in memory under a cap, a trace per page. Dry runs are held to shorter timeouts than
/// live calls so a slow upstream cannot keep an admin request open for minutes.
/// </summary>
internal sealed partial class DryRunner(
    GuardedUpstreamClient client,
    RunnerCompilation compilation,
    ICallRecordStore records,
    TimeProvider time,
    ILogger<DryRunner> logger)
{
    public const int MaxItemsReturned = 500;
    public const long MaxOutputBytes = 5L * 1024 * 1024;
    private const int MaxPageTimeoutMs = 30_000;
    private const int MaxTotalTimeoutMs = 60_000;

    /// <summary>
    /// Compiles <paramref name="definition"/> with dry-run limits and checks the input against it: test
    /// headers must be forwarded headers, every placeholder needs a value that keeps the URL's path. Errors are added by field.
    /// </summary>
    public CompiledRunner? Prepare(RunnerDefinition definition, DryRunInput input, string configPrefix, FieldErrors errors)
    {
        var limits = definition.Limits;
        var capped = definition with
        {
            Limits = limits with
            {
                PageTimeoutMs = Math.Min(limits.PageTimeoutMs, MaxPageTimeoutMs),
                TotalTimeoutMs = Math.Min(limits.TotalTimeoutMs, MaxTotalTimeoutMs),
            },
        };
        var runner = compilation.Compile(capped, configPrefix, errors);
        if (runner is null)
        {
            return null;
        }

        var forwarded = new HashSet<string>(runner.Definition.Request.ForwardHeaders, StringComparer.OrdinalIgnoreCase);
        foreach (var name in input.Headers.Keys)
        {
            if (!forwarded.Contains(name))
            {
                errors.Add($"test_headers.{name}", "is not in request.forward_headers; only forwarded headers are sent upstream.");
            }
        }

        foreach (var name in runner.Placeholders)
        {
            if (!input.Query.ContainsKey(name))
            {
                errors.Add($"test_query.{name}", $"missing value for placeholder '{name}'.");
            }
        }

        if (errors.Count == 0)
        {
            try
            {
                // A value such as ".." would move the URL to another path: refuse it here, by name.
                _ = Placeholders.ExpandUrl(runner.Definition.Request.Url!, input.Query);
            }
            catch (PlaceholderException ex)
            {
                errors.Add($"test_query.{ex.Name}", ex.Message);
            }
        }

        return errors.Count == 0 ? runner : null;
    }

    /// <summary>Runs the prepared runner. For a saved runner (<paramref name="runnerId"/> set) a test call record is kept.</summary>
    public async Task<DryRunResponse> RunAsync(CompiledRunner runner, DryRunInput input, string? runnerId, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sink = new CappedItemSink(MaxOutputBytes, stop.Cancel);
        var request = new RunRequest
        {
            Values = input.Query,
            ForwardedHeaders = [.. input.Headers.Where(h => runner.Definition.Request.ForwardHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))],
            MaxPages = input.PagesFor(runner.Definition.Limits.MaxPages),
            Trace = true,
        };

        var startedAt = time.GetUtcNow();
        var loop = new PageLoop(client.Invoker, new PageLoopOptions { Time = time, MaxPageBytes = MaxOutputBytes });
        var result = await loop.RunAsync(runner, request, sink, stop.Token).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        var (items, cut) = sink.TakeItems(MaxItemsReturned);
        LogDryRun(logger, runnerId ?? "draft", result.Pages, result.Items, result.StopReason);
        if (runnerId is not null)
        {
            await records.AppendAsync(runnerId, CallRecord.From(result, CallRecord.TestMode, startedAt), cancellationToken).ConfigureAwait(false);
        }

        return new DryRunResponse(
            items,
            Meta(runnerId, result),
            [.. (result.Trace ?? []).Select(t => new DryRunTraceEntry(t.Page, t.Status, t.Items, t.DurationMs, t.Retries, t.StopReason, t.Url, t.Logs))],
            cut,
            result.ErrorCode is null ? null : result.ErrorDetail ?? result.ErrorCode);
    }

    private static JsonElement Meta(string? runnerId, RunResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            JsonResultWriter.WriteMeta(writer, runnerId, result);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Dry run of {RunnerId}: {Pages} pages, {Items} items, stopped: {StopReason}")]
    private static partial void LogDryRun(ILogger logger, string runnerId, int pages, long items, string stopReason);
}
