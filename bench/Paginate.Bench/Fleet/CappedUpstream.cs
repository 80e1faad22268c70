using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Paginate.Bench.Fleet;

/// <summary>
/// An API with its own rate limit, like the ones Clay rows hit: at most <c>cap</c> requests in any sliding second,
/// else <c>429</c> with <c>Retry-After: 1</c>. Five pages per call (page_number, page size 2, the fifth short).
/// Every request's arrival time and status is recorded.
/// </summary>
internal sealed class CappedUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<long> _accepted = new();
    private readonly Lock _lock = new();
    private readonly int _cap;

    private CappedUpstream(WebApplication app, int cap)
    {
        _app = app;
        _cap = cap;
    }

    public string Url { get; private set; } = "";

    public ConcurrentQueue<(long At, int Status)> Requests { get; } = new();

    public static async Task<CappedUpstream> StartAsync(int cap)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var upstream = new CappedUpstream(app, cap);
        app.Run(upstream.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        upstream.Url = app.Urls.First();
        return upstream;
    }

    public void Reset()
    {
        Requests.Clear();
        lock (_lock)
        {
            _accepted.Clear();
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var now = Stopwatch.GetTimestamp();
        bool allowed;
        lock (_lock)
        {
            while (_accepted.Count > 0 && Stopwatch.GetElapsedTime(_accepted.Peek(), now) >= TimeSpan.FromSeconds(1))
            {
                _accepted.Dequeue();
            }

            allowed = _accepted.Count < _cap;
            if (allowed)
            {
                _accepted.Enqueue(now);
            }
        }

        Requests.Enqueue((now, allowed ? 200 : 429));
        context.Response.ContentType = "application/json";
        if (!allowed)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            return context.Response.WriteAsync("{}");
        }

        var page = int.TryParse(context.Request.Query["page"], out var p) ? p : 1;
        // Every page differs (ids from the page number), or stop_on_repeated_page would end the call at page 2.
        var first = ((page - 1) * 2) + 1;
        var items = page < 5 ? $"[{{\"id\":{first}}},{{\"id\":{first + 1}}}]" : $"[{{\"id\":{first}}}]";
        return context.Response.WriteAsync("{\"data\":" + items + "}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
