using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Paginate.Engine.Budgets;
using Paginate.Engine.Paging;
using Paginate.Engine.Storage;
using Paginate.Engine.Upstream;
using Paginate.Gateway.Access;
using Paginate.Gateway.Caching;
using Paginate.Gateway.Catalog;
using Paginate.Gateway.Hosting;
using Paginate.Gateway.Records;
using Paginate.Gateway.Running;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Upstream;
using StackExchange.Redis;
using Yarp.ReverseProxy.Forwarder;

namespace Paginate.Gateway;

/// <summary>Builds the gateway: the public listener serves <c>/r/{runner_id}</c>, the management listener metrics and health.</summary>
public static class GatewayApp
{
    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <param name="args">Command-line configuration (CONTRACT §4 keys, e.g. <c>--Kestrel:Endpoints:Public:Url=...</c>).</param>
    /// <param name="configure">Last changes before the app is built (tests add log providers here).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.AddGatewayLogging();

        var listeners = new Listeners();
        builder.Services.AddSingleton(listeners);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Configure(context.Configuration.GetSection("Kestrel"))
                .Endpoint(Listeners.PublicName, endpoint => listeners.SetPublic(endpoint.ListenOptions, endpoint.IsHttps))
                .Endpoint(Listeners.ManagementName, endpoint => listeners.SetManagement(endpoint.ListenOptions, endpoint.IsHttps));
        });

        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section);
        builder.Services.AddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString("Redis");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("ConnectionStrings:Redis is required.");
            }

            return RedisConnection.Connect(connectionString);
        });
        builder.Services.AddSingleton<IRunnerStore>(sp => new RedisRunnerStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddSingleton<ITokenStore>(sp => new RedisTokenStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddSingleton<ICallRecordStore>(sp => new RedisCallRecordStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        builder.Services.AddSingleton<ICatalogChangeFeed>(sp => new RedisCatalogChangeFeed(sp.GetRequiredService<IConnectionMultiplexer>()));

        builder.Services.AddSingleton<RunnerCatalog>();
        builder.Services.AddSingleton<CatalogRefresher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CatalogRefresher>());
        builder.Services.AddSingleton<AccessChecker>();
        builder.Services.AddSingleton<GatewayState>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<CallRecordQueue>();
        builder.Services.AddHostedService<CallRecordWriter>();
        builder.Services.AddSingleton<IUpstreamBudget>(sp => new RedisUpstreamBudget(
            sp.GetRequiredService<IConnectionMultiplexer>(), RateScopeKey(sp.GetRequiredService<IOptions<GatewayOptions>>().Value)));
        builder.Services.AddSingleton(sp => new PageLoopOptions { Budget = sp.GetRequiredService<IUpstreamBudget>() });
        builder.Services.AddSingleton(sp => new GuardedConnector(sp.GetRequiredService<IOptions<GatewayOptions>>().Value.AllowPrivateUpstreams));
        builder.Services.AddSingleton<IForwarderHttpClientFactory, GuardedHttpClientFactory>();
        builder.Services.AddSingleton<UpstreamClients>();
        builder.Services.AddSingleton(sp => new AnswerCache(sp.GetRequiredService<IOptions<GatewayOptions>>().Value));
        builder.Services.AddSingleton<CachedCalls>();
        builder.Services.AddRouting();
        builder.AddGatewayMetrics();

        configure?.Invoke(builder);

        var app = builder.Build();
        // Fail at start, not at the first call, when the allowlist or proxy list does not parse.
        _ = app.Services.GetRequiredService<AccessChecker>();
        // The gauges exist from the first scrape on, not from the first call: alerts on absent series stay quiet.
        _ = app.Services.GetRequiredService<GatewayMetrics>();
        var refresher = app.Services.GetRequiredService<CatalogRefresher>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
            redis.ConnectionRestored += (_, _) => refresher.Wake();
            _ = MigrateCatalogKeysAsync(redis, refresher);
        });

        app.UseMiddleware<ListenerGateMiddleware>();
        app.UseRouting();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapRunners();
        return app;
    }

    // A catalog from before the {catalog} hash tag is copied once; until Redis answers, the next start tries again.
    private static async Task MigrateCatalogKeysAsync(IConnectionMultiplexer redis, CatalogRefresher refresher)
    {
        try
        {
            if (await CatalogKeyMigration.RunAsync(redis).ConfigureAwait(false) > 0)
            {
                refresher.Wake();
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Redis is away: the gateway serves what it has; an untagged catalog is copied at a later start.
        }
    }

    // The configured text is stretched to a 256-bit key; too short a key would make the credential hash guessable.
    private static byte[]? RateScopeKey(GatewayOptions options)
    {
        if (string.IsNullOrEmpty(options.RateScopeKey))
        {
            return null;
        }

        if (options.RateScopeKey.Length < 32)
        {
            throw new InvalidOperationException("Gateway:RateScopeKey must be at least 32 characters.");
        }

        return System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(options.RateScopeKey));
    }
}
