using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Tests.Infrastructure;

/// <summary>A real Kestrel upstream on 127.0.0.1 port 0 that records what it was sent.</summary>
public sealed class LoopbackUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private LoopbackUpstream(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Requests that reached the handler.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every request seen: path and query, then each header as <c>name: value</c>.</summary>
    public ConcurrentQueue<string> Seen { get; } = new();

    public static async Task<LoopbackUpstream> StartAsync(Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var upstream = new LoopbackUpstream(app);
        app.Run(async context =>
        {
            Interlocked.Increment(ref upstream._requests);
            var headers = string.Join('\n', context.Request.Headers.Select(h => $"{h.Key}: {h.Value}"));
            upstream.Seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n{headers}");
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return upstream;
    }

    /// <summary>An upstream answering every request with one JSON body.</summary>
    public static Task<LoopbackUpstream> JsonAsync(string json, int status = 200) => StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
