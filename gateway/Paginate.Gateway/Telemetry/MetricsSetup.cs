using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Paginate.Gateway.Telemetry;

/// <summary>OpenTelemetry metrics with the Prometheus pull exporter: the gateway's meter plus the built-in ones.</summary>
internal static class MetricsSetup
{
    /// <summary>Series per metric before OpenTelemetry folds the rest into an overflow series: one per runner and then some.</summary>
    private const int CardinalityLimit = 100_000;

    public static void AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
                "Microsoft.AspNetCore.Diagnostics", "System.Net.Http", "System.Net.NameResolution", "System.Runtime")
            .AddView(instrument => instrument.Meter.Name == GatewayMetrics.MeterName
                ? new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit }
                : null)
            .AddPrometheusExporter(options =>
            {
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                options.DisableTotalNameSuffixForCounters = true;
            }));
    }
}
