using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paginate.Gateway;
using Paginate.Gateway.Hosting;
using Paginate.TestKit.Logging;

namespace Paginate.TestKit.Gateway;

/// <summary>A real gateway built by <see cref="GatewayApp.Build(string[])"/>, on loopback port 0, with captured logs.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, CapturedLogs logs, Uri publicUrl, Uri managementUrl)
    {
        _app = app;
        Logs = logs;
        PublicUrl = publicUrl;
        ManagementUrl = managementUrl;
        Public = new HttpClient { BaseAddress = publicUrl };
        Management = new HttpClient { BaseAddress = managementUrl };
    }

    public CapturedLogs Logs { get; }

    public Uri PublicUrl { get; }

    public Uri ManagementUrl { get; }

    public HttpClient Public { get; }

    public HttpClient Management { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The app itself, e.g. to stop it as SIGTERM would.</summary>
    public WebApplication App => _app;

    public sealed record Settings
    {
        public IReadOnlyList<string> AllowedNetworks { get; init; } = ["127.0.0.1/32", "::1"];
        public IReadOnlyList<string> TrustedProxies { get; init; } = [];
        public bool AllowPrivateUpstreams { get; init; } = true;

        /// <summary>More configuration, as <c>key=value</c> command-line pairs (e.g. <c>Gateway:MaxConcurrentCalls=2</c>).</summary>
        public IReadOnlyList<string> Extra { get; init; } = [];

        /// <summary>Last changes to the builder (e.g. a fake clock), after the test logging is set up.</summary>
        public Action<WebApplicationBuilder>? Configure { get; init; }
    }

    public static async Task<GatewayHost> StartAsync(string redis, Settings? settings = null, bool waitReady = true)
    {
        settings ??= new Settings();
        var args = new List<string>
        {
            "--Kestrel:Endpoints:Public:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:Management:Url=http://127.0.0.1:0",
            "--ConnectionStrings:Redis=" + redis,
            "--Gateway:AllowPrivateUpstreams=" + (settings.AllowPrivateUpstreams ? "true" : "false"),
        };
        for (var i = 0; i < settings.AllowedNetworks.Count; i++)
        {
            args.Add($"--Gateway:AllowedNetworks:{i}={settings.AllowedNetworks[i]}");
        }

        for (var i = 0; i < settings.TrustedProxies.Count; i++)
        {
            args.Add($"--Gateway:TrustedProxies:{i}={settings.TrustedProxies[i]}");
        }

        args.AddRange(settings.Extra.Select(pair => "--" + pair));
        var logs = new CapturedLogs();
        var app = GatewayApp.Build([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(logs);
            settings.Configure?.Invoke(builder);
        });
        await app.StartAsync();
        var host = new GatewayHost(app, logs, app.GetPublicUrl(), app.GetManagementUrl());
        if (waitReady)
        {
            await Eventually.UntilAsync(
                async () => (await host.Management.GetAsync("/readyz")).StatusCode,
                status => status == System.Net.HttpStatusCode.OK,
                what: "gateway ready");
        }

        return host;
    }

    /// <summary>Calls a runner; the token header is added when given.</summary>
    public Task<HttpResponseMessage> CallAsync(string runnerId, string query = "", string? token = null, HttpContent? body = null, IEnumerable<KeyValuePair<string, string>>? headers = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, $"/r/{runnerId}{query}") { Content = body };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("x-clay-paginate-token", token);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return Public.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Public.Dispose();
        Management.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
