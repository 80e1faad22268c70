using System.Threading.Channels;
using Paginate.Engine.Storage;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Records;

/// <summary>
/// The hand-off between a call and the Redis writer: bounded, and never waits. When the writer is behind
/// (Redis slow or down) the newest record is dropped and counted; a call is never held up by its record.
/// The writer takes up to <see cref="CallRecordWriter.MaxBatch"/> records per round trip, so with Redis up it drains
/// far faster than a gateway answers calls: the capacity is there to ride out a slow or absent Redis for a few seconds.
/// </summary>
internal sealed class CallRecordQueue
{
    /// <summary>Records waiting at most; at a few hundred bytes each this bounds memory to a few MiB.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<(string RunnerId, CallRecord Record)> _channel;
    private readonly GatewayMetrics _metrics;

    public CallRecordQueue(GatewayMetrics metrics)
    {
        _metrics = metrics;
        _channel = Channel.CreateBounded<(string, CallRecord)>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
            SingleWriter = false,
        }, _ => _metrics.CallRecordDropped());
    }

    public ChannelReader<(string RunnerId, CallRecord Record)> Reader => _channel.Reader;

    public void Enqueue(string runnerId, CallRecord record)
    {
        if (!_channel.Writer.TryWrite((runnerId, record)))
        {
            // Only after Complete (shutdown): count it like any other drop.
            _metrics.CallRecordDropped();
        }
    }

    /// <summary>Records waiting to be written.</summary>
    public int Count => _channel.Reader.Count;

    public void Complete() => _channel.Writer.TryComplete();
}
