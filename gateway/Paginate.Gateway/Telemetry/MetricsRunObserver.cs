using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Telemetry;

/// <summary>Counts one run's upstream requests under its runner id. Retries are counted from the run result.</summary>
internal sealed class MetricsRunObserver : IRunObserver
{
    private readonly GatewayMetrics _metrics;
    private readonly string _runnerId;

    public MetricsRunObserver(GatewayMetrics metrics, string runnerId)
    {
        _metrics = metrics;
        _runnerId = runnerId;
    }

    public void UpstreamRequestCompleted(int? statusCode, TimeSpan duration) => _metrics.UpstreamRequest(_runnerId, statusCode, duration);

    public void RetryScheduled()
    {
    }
}
