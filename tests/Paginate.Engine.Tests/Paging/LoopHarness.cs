using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Paging;

/// <summary>What a test run produced: the result, the items written, and the answer's meta.</summary>
internal sealed record LoopOutcome(RunResult Result, IReadOnlyList<JsonElement> Items, JsonElement? Meta, bool Started)
{
    public IReadOnlyList<string> Ids(string property = "id") =>
        Items.Select(i => i.ValueKind == JsonValueKind.Object ? i.GetProperty(property).ToString() : i.ToString()).ToList();
}

/// <summary>Compiles runners and runs them through a real <see cref="PageLoop"/> over loopback HTTP.</summary>
internal static class LoopHarness
{
    /// <summary>Limits for tests: tiny retry delays so retries cost nothing.</summary>
    public static LimitsSpec FastLimits { get; } = new() { RetryDelayMs = 1, MaxRetries = 2, PageTimeoutMs = 10_000, TotalTimeoutMs = 30_000 };

    public static CompiledRunner Compile(RunnerDefinition definition)
    {
        var result = RunnerCompiler.Compile(definition with { Name = definition.Name ?? "test runner" }, new RunnerCompileOptions { AllowPrivateUpstreams = true });
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return result.Runner!;
    }

    public static Task<LoopOutcome> RunAsync(RunnerDefinition definition, RunRequest? request = null, PageLoopOptions? options = null, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default) =>
        RunAsync(Compile(definition), request, options, handler, cancellationToken);

    public static async Task<LoopOutcome> RunAsync(CompiledRunner runner, RunRequest? request = null, PageLoopOptions? options = null, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        using var invoker = new HttpMessageInvoker(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        var loop = new PageLoop(invoker, options);
        using var output = new MemoryStream();
        var writer = new JsonResultWriter(output);
        await using (writer.ConfigureAwait(false))
        {
            var result = await loop.RunAsync(runner, request ?? new RunRequest(), writer, cancellationToken);
            if (!result.FirstPageFailed)
            {
                await writer.CompleteAsync("rn_test", result, CancellationToken.None);
            }
            else
            {
                await writer.Writer.FlushAsync(CancellationToken.None);
            }

            if (output.Length == 0 || result.FirstPageFailed)
            {
                return new LoopOutcome(result, [], null, writer.Started);
            }

            using var document = JsonDocument.Parse(output.ToArray());
            var items = document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone()).ToList();
            return new LoopOutcome(result, items, document.RootElement.GetProperty("meta").Clone(), writer.Started);
        }
    }

    /// <summary>Writes a JSON answer.</summary>
    public static Task Respond(HttpContext context, string json, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, Encoding.UTF8);
    }

    /// <summary>Writes <paramref name="body"/> as it is, with a Content-Encoding header when one is given.</summary>
    public static Task SendBytes(HttpContext context, byte[] body, string? encoding = null, string contentType = "application/json")
    {
        context.Response.ContentType = contentType;
        if (encoding is not null)
        {
            context.Response.Headers.ContentEncoding = encoding;
        }

        return context.Response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>UTF-8 <paramref name="text"/> with <paramref name="codings"/> applied in order, as a server lists them in Content-Encoding.</summary>
    public static byte[] Encode(string text, params string[] codings)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var coding in codings)
        {
            using var output = new MemoryStream();
            using (Stream compressor = coding switch
            {
                "gzip" => new GZipStream(output, CompressionLevel.Fastest),
                "br" => new BrotliStream(output, CompressionLevel.Fastest),
                _ => new ZLibStream(output, CompressionLevel.Fastest),
            })
            {
                compressor.Write(bytes);
            }

            bytes = output.ToArray();
        }

        return bytes;
    }

    /// <summary>A JSON array of objects with ids <c>prefix1..prefixN</c> (numbered from <paramref name="first"/>).</summary>
    public static string Items(int first, int count, string prefix = "i") =>
        "[" + string.Join(",", Enumerable.Range(first, count).Select(n => $$"""{"id":"{{prefix}}{{n}}","n":{{n}}}""")) + "]";

    public static string Query(HttpContext context, string name) => context.Request.Query[name].ToString();

    /// <summary>Maps <paramref name="path"/> (any method) to a plain request handler.</summary>
    public static void Route(this IEndpointRouteBuilder routes, string path, Func<HttpContext, Task> handler) =>
        routes.Map(path, new RequestDelegate(handler));
}
