using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Storage;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Records;

/// <summary>
/// Drains <see cref="CallRecordQueue"/> into Redis off the request path, in batches: the first record waits at most
/// <see cref="DefaultFlushInterval"/> for others to join it, a full batch goes at once, and each batch is one pipelined
/// round trip (<see cref="ICallRecordStore.AppendManyAsync"/>). On stop the queue is closed and every record in it is
/// written before <see cref="StopAsync"/> returns (bounded by the host's shutdown token). A batch that fails or takes
/// longer than its timeout is dropped and counted: records are analytics, not a ledger.
/// </summary>
internal sealed class CallRecordWriter : IHostedService, IDisposable
{
    /// <summary>How long a record may wait for company: short enough that analytics look live.</summary>
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Records per batch: a full batch is written without waiting for the timer.</summary>
    public const int MaxBatch = 1000;

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);

    private readonly CallRecordQueue _queue;
    private readonly ICallRecordStore _store;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<CallRecordWriter> _logger;
    private readonly TimeSpan _flushInterval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private bool _failing;

    public CallRecordWriter(CallRecordQueue queue, ICallRecordStore store, GatewayMetrics metrics, ILogger<CallRecordWriter> logger)
        : this(queue, store, metrics, logger, DefaultFlushInterval, TimeProvider.System)
    {
    }

    internal CallRecordWriter(CallRecordQueue queue, ICallRecordStore store, GatewayMetrics metrics, ILogger<CallRecordWriter> logger, TimeSpan flushInterval, TimeProvider time)
    {
        _queue = queue;
        _store = store;
        _metrics = metrics;
        _logger = logger;
        _flushInterval = flushInterval;
        _time = time;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Closes the queue (later records are counted as dropped) and writes what is in it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Complete();
        await _stopping.CancelAsync().ConfigureAwait(false); // no more waiting for company: flush now
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            RecordsLog.DrainCutShort(_logger, _queue.Count);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(string RunnerId, CallRecord Record)>(MaxBatch);
        // Ends once the queue is closed and empty.
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            Fill(reader, batch);
            if (batch.Count < MaxBatch && !_stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(_flushInterval, _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: write what we have now.
                }

                Fill(reader, batch);
            }

            await WriteAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    private static void Fill(System.Threading.Channels.ChannelReader<(string RunnerId, CallRecord Record)> reader, List<(string RunnerId, CallRecord Record)> batch)
    {
        while (batch.Count < MaxBatch && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private async Task WriteAsync(List<(string RunnerId, CallRecord Record)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(WriteTimeout, _time);
        try
        {
            await _store.AppendManyAsync(batch, timeout.Token).ConfigureAwait(false);
            _failing = false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _metrics.CallRecordDropped(batch.Count);

            if (!_failing)
            {
                // Once per failure streak: a Redis outage must not flood the log.
                RecordsLog.WriteFailed(_logger, batch.Count, ex.GetType().Name);
                _failing = true;
            }
        }
    }
}
