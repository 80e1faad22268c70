using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace Paginate.Gateway.Telemetry;

/// <summary>OpenTelemetry metrics with the Prometheus pull exporter: the gateway's meter plus the built-in ones.</summary>
internal static class MetricsSetup
{
    /// <summary>Series per metric before OpenTelemetry folds the rest into an overflow series: one per runner and then some.</summary>
    private const int CardinalityLimit = 100_000;

    /// <summary>
    /// Meters made by an <see cref="IMeterFactory"/> belong to one app, but OpenTelemetry subscribes by name
    /// across the process: with two apps in one process (tests, or the admin app hosting a gateway) each would
    /// export the other's series, and lose its own when the other app stops. Instruments from another app's
    /// factory are dropped; global meters (HttpClient, runtime) have no factory and stay.
    /// </summary>
    private static MeterProviderBuilder ConfigureOwnMeters(this MeterProviderBuilder metrics)
    {
        if (metrics is not IDeferredMeterProviderBuilder deferred)
        {
            throw new InvalidOperationException("The OpenTelemetry metrics builder cannot be configured with services.");
        }

        deferred.Configure((services, builder) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            builder.AddView(instrument => instrument.Meter.Scope switch
            {
                IMeterFactory factory when !ReferenceEquals(factory, own) => MetricStreamConfiguration.Drop,
                _ when instrument.Meter.Name == GatewayMetrics.MeterName => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit },
                _ => null,
            });
        });
        return metrics;
    }

    public static void AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
                "Microsoft.AspNetCore.Diagnostics", "System.Net.Http", "System.Net.NameResolution", "System.Runtime")
            .ConfigureOwnMeters()
            .AddPrometheusExporter(options =>
            {
                options.ScrapeResponseCacheDurationMilliseconds = 0;
                options.DisableTotalNameSuffixForCounters = true;
            }));
    }
}
