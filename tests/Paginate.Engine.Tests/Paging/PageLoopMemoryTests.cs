using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>A run's memory is bounded by its pages, not by its inputs times its pages.</summary>
[Collection(MemoryCollection.Name)]
public sealed class PageLoopMemoryTests
{
    [Fact]
    public async Task HugePlaceholderInPostBody_Over300Pages_RetainedMemoryDoesNotGrowWithPages()
    {
        // The test kit's upstream records every body; this one must not, or it would be what grows.
        long atPage20 = 0;
        long atPage300 = 0;
        var requests = 0;
        await using var app = await StartUpstreamAsync(async ctx =>
        {
            await ctx.Request.Body.CopyToAsync(Stream.Null);
            var n = Interlocked.Increment(ref requests);
            if (n is 20 or 300)
            {
                // Measured while the loop waits for this page: everything it keeps per run is alive now.
                var retained = GC.GetTotalMemory(forceFullCollection: true);
                if (n == 20)
                {
                    atPage20 = retained;
                }
                else
                {
                    atPage300 = retained;
                }
            }

            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync($$"""{"data":[{"id":{{n}}}]}""");
        });

        var definition = new RunnerDefinition
        {
            Request = new()
            {
                Method = "POST",
                Url = new Uri(UpstreamBase(app.App), "/search").ToString(),
                Body = JsonDocument.Parse("""{"query":"{{big}}","page":1}""").RootElement.Clone(),
            },
            Pagination = new() { Style = PaginationStyles.PageNumber, PageParam = new ParamPlacement { In = ParamLocations.Body, Name = "/page" } },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits with { MaxPages = 300, TotalTimeoutMs = 120_000 },
        };
        var request = new RunRequest { Values = new Dictionary<string, string> { ["big"] = new string('k', 1024 * 1024) } };

        var outcome = await RunAsync(definition, request);

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(300, outcome.Result.Pages);
        Assert.Equal(300, requests);

        // Keeping each request (1 MiB body) for cycle detection adds about 2.7 MB per page: 750 MB over these
        // 280 pages. What remains is buffer pools filling up in steps (measured: 40 MiB on 2 cores), not a slope.
        var growth = atPage300 - atPage20;
        Assert.True(growth < 128L * 1024 * 1024, $"retained memory grew by {growth / (1024 * 1024)} MiB from page 20 to page 300");
    }

    private static Uri UpstreamBase(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private static async Task<WebApplicationHandle> StartUpstreamAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new WebApplicationHandle(app);
    }

    /// <summary>Stops the upstream when the test ends.</summary>
    private sealed class WebApplicationHandle(WebApplication app) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
