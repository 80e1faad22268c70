using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using Paginate.Gateway.Access;
using Paginate.Gateway.Admission;
using Paginate.Gateway.Budgets;
using Paginate.Gateway.Caching;
using Paginate.Gateway.Catalog;
using Paginate.Gateway.Circuits;
using Paginate.Gateway.Hosting;
using Paginate.Gateway.Logging;
using Paginate.Gateway.Records;
using Paginate.Gateway.Running;
using Paginate.Gateway.Telemetry;
using Paginate.Gateway.Upstream;

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
        builder.AddGatewayLogging();
        builder.AddGatewayListeners();
        builder.AddGatewayMetrics();

        var services = builder.Services;
        services.AddGatewayOptions();
        services.TryAddSingleton(TimeProvider.System);
        // Hosted services stop in reverse order (the server, added last by WebApplication, first): the record
        // writer is registered first so it stops, and writes what is queued, last. The drain runs before all.
        services.AddSingleton<CallRecordQueue>();
        services.AddHostedService<CallRecordWriter>();
        services.AddRunnerCatalog();
        services.AddRunnerAccess();
        services.AddUpstreamClusters();
        services.AddOriginCircuits();
        services.AddRunnerCalls();
        services.AddGatewayHealth();
        services.AddSingleton<GatewayState>();
        services.AddSingleton<GatewayMetrics>();
        services.AddCallAdmission();
        services.AddSharedBudgets();
        services.AddAnswerCache();

        configure?.Invoke(builder);

        var app = builder.Build();
        // The gauges exist from the first scrape on, not from the first call: alerts on absent series stay quiet.
        _ = app.Services.GetRequiredService<GatewayMetrics>();
        app.WakeCatalogOnReconnect();

        app.UseListenerGate();
        app.UseRouting();
        app.MapHealth();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapRunners();
        return app;
    }
}
