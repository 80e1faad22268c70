using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paginate.Gateway.Telemetry;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Paginate.Gateway.Circuits;

/// <summary>
/// The fail-fast circuits of every upstream origin (CONTRACT §6.3), one per YARP cluster. The engine's upstream
/// requests report here (<see cref="CircuitReportingHandler"/>, in each cluster's client); each change is
/// written to the cluster's destination health through YARP's <see cref="IDestinationHealthUpdater"/>
/// (passive health unhealthy, reactivated by YARP after the cool-down), so YARP's own view of the origin is
/// the circuit's. Calls ask <see cref="Enter"/> before their first upstream request.
/// </summary>
internal sealed class OriginCircuits
{
    private readonly ConcurrentDictionary<string, OriginCircuit> _circuits = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<OriginCircuits> _logger;
    private readonly int _threshold;
    private readonly TimeSpan _coolDown;

    // The services resolve YARP's state, whose client factory needs this registry: looked up on first use.
    public OriginCircuits(IServiceProvider services, IOptions<GatewayOptions> options, TimeProvider time, GatewayMetrics metrics, ILogger<OriginCircuits> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _services = services;
        _time = time;
        _logger = logger;
        _threshold = options.Value.Circuit.FailureThreshold;
        _coolDown = TimeSpan.FromSeconds(options.Value.Circuit.CoolDownSeconds);
        metrics.ObserveCircuitsOpen(() => OpenCount);
    }

    /// <summary>Origins whose circuit refuses calls now (open or half-open).</summary>
    public int OpenCount => _circuits.Values.Count(c => c.IsOpen);

    /// <summary>Whether a call on the cluster may go ahead; a circuit exists only once a request of it was reported.</summary>
    public CircuitPass Enter(string clusterId) =>
        _circuits.TryGetValue(clusterId, out var circuit) ? circuit.Enter() : CircuitPass.Free;

    /// <summary>One upstream request of the cluster ended: <paramref name="failed"/> when it had no answer or a 502/503/504.</summary>
    public void Report(string clusterId, bool failed)
    {
        if (!failed && !_circuits.ContainsKey(clusterId))
        {
            return; // the common case: a healthy origin costs one lookup
        }

        var circuit = _circuits.GetOrAdd(clusterId, _ => new OriginCircuit(_time, _threshold, _coolDown));
        switch (circuit.Report(failed))
        {
            case CircuitChange.Opened:
                CircuitLog.Opened(_logger, (int)_coolDown.TotalSeconds);
                SetPassiveHealth(clusterId, DestinationHealth.Unhealthy);
                break;
            case CircuitChange.Closed:
                CircuitLog.Closed(_logger);
                SetPassiveHealth(clusterId, DestinationHealth.Healthy);
                break;
        }
    }

    private void SetPassiveHealth(string clusterId, DestinationHealth health)
    {
        if (!_services.GetRequiredService<IProxyStateLookup>().TryGetCluster(clusterId, out var cluster))
        {
            return;
        }

        var updater = _services.GetRequiredService<IDestinationHealthUpdater>();
        foreach (var destination in cluster.Destinations.Values)
        {
            updater.SetPassive(cluster, destination, health, _coolDown);
        }
    }
}
