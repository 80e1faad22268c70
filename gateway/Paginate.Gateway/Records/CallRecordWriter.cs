using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Storage;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Records;

/// <summary>
/// Drains <see cref="CallRecordQueue"/> into Redis off the request path. A write that fails or takes
/// longer than its timeout drops the record (counted): records are analytics, not a ledger.
/// </summary>
internal sealed class CallRecordWriter : BackgroundService
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    private readonly CallRecordQueue _queue;
    private readonly ICallRecordStore _store;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<CallRecordWriter> _logger;
    private bool _failing;

    public CallRecordWriter(CallRecordQueue queue, ICallRecordStore store, GatewayMetrics metrics, ILogger<CallRecordWriter> logger)
    {
        _queue = queue;
        _store = store;
        _metrics = metrics;
        _logger = logger;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Not ended by stoppingToken: StopAsync completes the queue (the drain has finished the calls by
            // then), and the loop ends once what is queued is written. The host's shutdown timeout bounds it.
            await foreach (var (runnerId, record) in _queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(WriteTimeout);
                try
                {
                    await _store.AppendAsync(runnerId, record, timeout.Token).WaitAsync(timeout.Token).ConfigureAwait(false);
                    _failing = false;
                }
                catch (Exception ex)
                {
                    _metrics.CallRecordDropped();
                    if (!_failing)
                    {
                        // Once per failure streak: a Redis outage must not flood the log.
                        RecordsLog.WriteFailed(_logger, runnerId, ex.GetType().Name);
                        _failing = true;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
