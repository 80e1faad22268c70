using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paginate.Bench.Harness;
using Paginate.Engine.Compilation;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;

namespace Paginate.Bench.Engine;

/// <summary>
/// Pages requested ahead when the total is unknown (CONTRACT §1 <c>max_concurrency</c>): a <c>page_number</c> runner
/// without a total over 32 pages that each take 50 ms, against a real Kestrel upstream on loopback, with
/// <c>max_concurrency</c> 1, 4 and 8 interleaved. Every answer is checked (every item once, in order) and the
/// requests that went past the last page are counted.
/// </summary>
internal static class AheadBenchmark
{
    private const int Pages = 32;
    private const int PerPage = 50;
    private const int DelayMs = 50;
    private const int Repetitions = 5;
    private static readonly int[] Levels = [1, 4, 8];

    public static async Task<int> RunAsync(string[] args)
    {
        var write = !args.Contains("--no-write");
        var pastTheEnd = 0;
        await using var upstream = await StartUpstreamAsync(() => Interlocked.Increment(ref pastTheEnd));
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var loop = new PageLoop(invoker);
        var runners = Levels.ToDictionary(level => level, level => Runner(upstream.Url, level));

        var walls = Levels.ToDictionary(level => level, _ => new List<double>());
        var past = Levels.ToDictionary(level => level, _ => new List<int>());
        foreach (var level in Levels)
        {
            await RunOnceAsync(loop, runners[level]);
        }

        for (var rep = 0; rep < Repetitions; rep++)
        {
            foreach (var level in Levels)
            {
                Volatile.Write(ref pastTheEnd, 0);
                var started = Stopwatch.GetTimestamp();
                await RunOnceAsync(loop, runners[level]);
                walls[level].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

                // Let cancelled requests that were already sent arrive before they are counted.
                await Task.Delay(DelayMs * 2);
                past[level].Add(Volatile.Read(ref pastTheEnd));
            }
        }

        var baseline = Stats.Median(walls[1]);
        var rows = new StringBuilder();
        foreach (var level in Levels)
        {
            var median = Stats.Median(walls[level]);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {level} | {median:F0} ms | {walls[level].Min():F0}–{walls[level].Max():F0} ms | {baseline / median:F2}x | {past[level].Max()} |");
            rows.AppendLine(line);
            Console.WriteLine(line);
        }

        var speedup = baseline / Stats.Median(walls[8]);
        var floor8 = DelayMs * (1 + Math.Ceiling((Pages - 1) / 8.0));
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"max_concurrency 8 vs 1: {speedup:F2}x (target >= 5x); load average {load}"));
        if (write)
        {
            ResultsFile.WriteSection("engine-ahead", string.Create(CultureInfo.InvariantCulture, $"""
                ## Pages requested ahead (total unknown)

                Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Paginate.Bench -- ahead`
                (load average {load} at the end: the machine is shared, the ratio is the figure). A `page_number` runner with
                `page_size` {PerPage} and NO `total_pages_path` reads {Pages} pages from a Kestrel upstream on loopback that
                answers each after {DelayMs} ms; page {Pages} is short and ends the run, pages past it answer full pages that
                must never be returned. Page loop in process (no gateway, no Redis); {Repetitions} interleaved repetitions after
                a warm-up; every answer checked: {(Pages - 1) * PerPage + PerPage - 1} items, each once and in order.

                | max_concurrency | median | min–max | speed-up over 1 | requests past the end (most seen) |
                |---:|---:|---:|---:|---:|
                {rows.ToString().TrimEnd()}

                Target (issue 13): at least 5x at 8, at most 7 requests past the end: {(speedup >= 5 ? "met" : "NOT met")}
                ({speedup:F2}x). The floor at 8 is page 1 alone, then {Math.Ceiling((Pages - 1) / 8.0):0} windows of 8:
                {floor8:0} ms against {Pages * DelayMs} ms sequential, so at most {Pages * DelayMs / floor8:0.0}x is possible.
                """));
        }

        return speedup >= 5 ? 0 : 1;
    }

    internal static async Task RunOnceAsync(PageLoop loop, CompiledRunner runner)
    {
        using var output = new MemoryStream();
        await using (var writer = new JsonResultWriter(output))
        {
            var result = await loop.RunAsync(runner, new RunRequest(), writer, CancellationToken.None);
            await writer.CompleteAsync("rn_bench", result, CancellationToken.None);
            if (result.ErrorCode is not null || result.Pages != Pages || result.StopReason != StopReasons.ShortPage)
            {
                throw new InvalidOperationException($"unexpected run: {result.ErrorCode} {result.Pages} pages, {result.StopReason}");
            }
        }

        using var document = JsonDocument.Parse(output.ToArray());
        var expected = 1;
        foreach (var item in document.RootElement.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("n").GetInt32() != expected++)
            {
                throw new InvalidOperationException("items out of order, repeated or from past the end");
            }
        }

        if (expected - 1 != (Pages * PerPage) - 1)
        {
            throw new InvalidOperationException($"expected {(Pages * PerPage) - 1} items, got {expected - 1}");
        }
    }

    internal static CompiledRunner Runner(string url, int maxConcurrency)
    {
        var result = RunnerCompiler.Compile(
            new RunnerDefinition
            {
                Name = $"ahead {maxConcurrency}",
                Request = new() { Url = url },
                Pagination = new() { Style = PaginationStyles.PageNumber, PageSize = PerPage, PageSizeParam = ParamPlacement.Query("per_page") },
                Response = new() { ItemsPath = "data" },
                Limits = new() { MaxConcurrency = maxConcurrency, MaxRetries = 0 },
            },
            new RunnerCompileOptions { AllowPrivateUpstreams = true });
        return result.Runner ?? throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
    }

    /// <summary>The paged upstream: plain HTTP/1.1, or TLS offering h2 and http/1.1 by ALPN with <paramref name="certificate"/>.</summary>
    internal static async Task<Upstream> StartUpstreamAsync(Action pastTheEnd, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            }));
        }

        var app = builder.Build();
        app.MapGet("/p", async (HttpContext ctx) =>
        {
            var page = int.Parse(ctx.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
            if (page > Pages)
            {
                // Counted on arrival: a request the loop cancels later still reached the upstream.
                pastTheEnd();
            }

            await Task.Delay(DelayMs, ctx.RequestAborted);

            var count = page < Pages ? PerPage : page == Pages ? PerPage - 1 : PerPage;
            var first = page > Pages ? 1_000_000 : ((page - 1) * PerPage) + 1;
            var body = new StringBuilder("{\"data\":[");
            for (var i = 0; i < count; i++)
            {
                body.Append(i == 0 ? "" : ",").Append("{\"n\":").Append(first + i).Append(",\"name\":\"item\"}");
            }

            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(body.Append("]}").ToString(), ctx.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new Upstream(app, address + "/p");
    }

    internal sealed class Upstream(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
