using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Paginate.Gateway;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Logging;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>A real gateway (<see cref="GatewayApp.Build(string[])"/>) on loopback, sharing the admin app's Redis.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, CapturedLogs logs, Uri publicUrl)
    {
        _app = app;
        Logs = logs;
        Client = new HttpClient { BaseAddress = publicUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    /// <summary>
    /// Starts a gateway. With <paramref name="allowLoopback"/> false the static-IP allowlist excludes the test
    /// client, so only a runner token lets a call in.
    /// </summary>
    public static async Task<GatewayHost> StartAsync(string redis, bool allowLoopback)
    {
        var port = RedisServer.FreePort();
        string[] args =
        [
            $"--Kestrel:Endpoints:Public:Url=http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            "--Kestrel:Endpoints:Management:Url=http://127.0.0.1:0",
            "--ConnectionStrings:Redis=" + redis,
            "--Gateway:AllowPrivateUpstreams=true",
            "--Gateway:AllowedNetworks:0=" + (allowLoopback ? "127.0.0.1/32" : "10.255.255.0/24"),
        ];
        var logs = new CapturedLogs();
        var app = GatewayApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        return new GatewayHost(app, logs, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
    }

    /// <summary>Calls <c>/r/{id}</c> with optional token and headers.</summary>
    public async Task<HttpResponseMessage> CallAsync(string id, string query = "", string? token = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"r/{id}{query}");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("x-clay-paginate-token", token);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
