using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Paginate.Engine.Storage;
using Paginate.Gateway.Catalog;
using Paginate.Gateway.Records;
using Paginate.Gateway.Telemetry;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Records;

/// <summary>
/// A record queue and writer over a real redis-server of their own, with the gateway's real metrics and a listener
/// on the drop counter, as the gateway wires them.
/// </summary>
internal sealed class RecordsRig : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private long _dropped;

    private RecordsRig(RedisServer redis, IConnectionMultiplexer connection, TimeSpan flushInterval)
    {
        Redis = redis;
        Connection = connection;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        var metrics = new GatewayMetrics(meterFactory, new GatewayState(new RunnerCatalog(), connection));
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this rig's meter: gateway hosts of tests running in parallel publish the same instrument name.
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name == "paginate_call_records_dropped_total")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _dropped, value));
        _listener.Start();
        Store = new RedisCallRecordStore(connection);
        Queue = new CallRecordQueue(metrics);
        Writer = new CallRecordWriter(Queue, Store, metrics, NullLogger<CallRecordWriter>.Instance, flushInterval, TimeProvider.System);
    }

    public RedisServer Redis { get; }

    public IConnectionMultiplexer Connection { get; }

    public RedisCallRecordStore Store { get; }

    public CallRecordQueue Queue { get; }

    public CallRecordWriter Writer { get; }

    public long Dropped => Interlocked.Read(ref _dropped);

    public static async Task<RecordsRig> StartAsync(TimeSpan flushInterval)
    {
        var redis = await RedisServer.StartAsync();
        return new RecordsRig(redis, RedisConnection.Connect(redis.ConnectionString), flushInterval);
    }

    public static CallRecord Record(int i) => new()
    {
        At = DateTimeOffset.UnixEpoch.AddYears(56).AddSeconds(i),
        Mode = CallRecord.LiveMode,
        Outcome = CallRecord.SuccessOutcome,
        Pages = 1,
        Items = 100,
        DurationMs = 3,
        UpstreamStatus = 200,
        StopReason = "single_page",
    };

    public Task<long> KeptAsync(string runnerId) => Connection.GetDatabase().ListLengthAsync(RedisKeys.Calls(runnerId));

    /// <summary>How often Redis ran <paramref name="command"/> since the last stats reset (INFO commandstats).</summary>
    public async Task<long> CommandCallsAsync(string command)
    {
        var prefix = "cmdstat_" + command + ":calls=";
        var info = await Redis.CommandAsync("INFO", "commandstats");
        var line = info.SelectMany(l => l.Split('\n')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[prefix.Length..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Writer.Dispose();
        Connection.Dispose();
        await _services.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
