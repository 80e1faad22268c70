using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paginate.TestKit.Upstream;

/// <summary>
/// A real upstream for tests: a Kestrel app on <c>127.0.0.1</c>, port 0 (a free port), with the routes you
/// map, recording every request (method, path + query, headers, body) and counting requests in flight.
/// Stops when disposed.
/// </summary>
/// <example>
/// <code>
/// await using var upstream = await LoopbackUpstream.StartAsync(routes =>
///     routes.MapGet("/items", (HttpContext ctx) => Results.Json(new { data = new[] { 1, 2 } })));
/// var url = upstream.Url("/items?page=1");
/// Assert.Equal(1, upstream.CountFor("/items"));
/// </code>
/// </example>
public sealed class LoopbackUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _inFlight;
    private int _maxInFlight;

    private LoopbackUpstream(WebApplication app) => _app = app;

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Number of requests received so far.</summary>
    public int RequestCount => _requests.Count;

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests that were ever handled at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts an upstream with the routes mapped by <paramref name="map"/> (minimal API style).</summary>
    public static async Task<LoopbackUpstream> StartAsync(Action<IEndpointRouteBuilder> map, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var upstream = new LoopbackUpstream(app);
        app.Use(upstream.RecordAsync);
        app.UseRouting();
        map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.BaseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return upstream;
    }

    /// <summary>Starts an upstream answering one path with one handler (any method).</summary>
    public static Task<LoopbackUpstream> StartAsync(string path, RequestDelegate handler, CancellationToken cancellationToken = default) =>
        StartAsync(routes => routes.Map(path, handler), cancellationToken);

    /// <summary>An absolute URL on this upstream, e.g. <c>Url("/items?page=1")</c>.</summary>
    public Uri Url(string pathAndQuery) => new(BaseUri, pathAndQuery);

    /// <summary>Requests received for <paramref name="path"/> (query ignored).</summary>
    public int CountFor(string path) => _requests.Count(r => string.Equals(r.Path, path, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var body = string.Empty;
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
        }

        _requests.Enqueue(new RecordedRequest
        {
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "/",
            QueryString = context.Request.QueryString.Value ?? string.Empty,
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Body = body,
        });

        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = MaxInFlight)
        {
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
