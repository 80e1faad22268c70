using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Paginate.Gateway.Telemetry;

/// <summary>OpenTelemetry metrics with the Prometheus pull exporter: the gateway's meter plus the built-in ones.</summary>
internal static class MetricsSetup
{
    /// <summary>The <c>service.name</c> resource attribute (the <c>job</c>/<c>target_info</c> a collector sees).</summary>
    public const string ServiceName = "paginate-gateway";

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
                _ when instrument.Meter.Name == GatewayMetrics.MeterName && MetricCardinality.For(instrument.Name) is { } limit
                    => new MetricStreamConfiguration { CardinalityLimit = limit },
                _ => null,
            });
        });
        return metrics;
    }

    public static void AddGatewayMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: typeof(MetricsSetup).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Routing",
                "Microsoft.AspNetCore.Diagnostics", "System.Net.Http", "System.Net.NameResolution", "System.Runtime")
            .ConfigureOwnMeters()
            .AddPrometheusExporter(options =>
            {
                // Counters keep the exporter's "_total" suffix (the default): the built-in meters' counters then
                // have the same names in text and OpenMetrics scrapes.
                options.ScrapeResponseCacheDurationMilliseconds = 0;
            }));
    }
}
