using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.Gateway.Records;
using Paginate.Gateway.Tests.Infrastructure;

namespace Paginate.Gateway.Tests.Records;

public sealed class CallRecordWriterTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    [Fact]
    public async Task FullBatches_GoWithoutTheTimer_ManyRecordsPerScript_AndStopFlushesTheRest()
    {
        await using var rig = await RecordsRig.StartAsync(flushInterval: Never);
        await rig.Redis.CommandAsync("CONFIG", "RESETSTAT");
        for (var i = 0; i < 2500; i++)
        {
            rig.Queue.Enqueue("rn_batch", RecordsRig.Record(i));
        }

        await rig.Writer.StartAsync(CancellationToken.None);
        // Two full batches are written at once; the last 500 wait for the (hour-long) timer.
        await Eventually.UntilAsync(() => rig.KeptAsync("rn_batch"), n => n == 2 * CallRecordWriter.MaxBatch, what: "two full batches");
        await rig.Writer.StopAsync(CancellationToken.None);

        Assert.Equal(2500, await rig.KeptAsync("rn_batch"));
        Assert.Equal(2500, (await rig.Store.ReadTotalsAsync("rn_batch")).Calls);
        // 1000 + 1000 + 500 records in chunks of at most 500 per script: 2 + 2 + 1 pushes, not 2500.
        Assert.Equal(5, await rig.CommandCallsAsync("lpush"));
        Assert.Equal(0, rig.Dropped);
    }

    [Fact]
    public async Task Stop_WritesEveryQueuedRecord_BeforeReturning()
    {
        await using var rig = await RecordsRig.StartAsync(flushInterval: Never);
        await rig.Writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 8000; i++)
        {
            rig.Queue.Enqueue("rn_stop" + (i % 4), RecordsRig.Record(i));
        }

        await rig.Writer.StopAsync(CancellationToken.None);

        var totals = await rig.Store.ReadTotalsAsync(["rn_stop0", "rn_stop1", "rn_stop2", "rn_stop3"]);
        Assert.Equal([2000L, 2000L, 2000L, 2000L], totals.Select(t => t.Calls));
        Assert.Equal(0, rig.Dropped);
    }

    [Fact]
    public async Task AfterStop_LateRecordsAreCountedAsDropped()
    {
        await using var rig = await RecordsRig.StartAsync(flushInterval: Never);
        await rig.Writer.StartAsync(CancellationToken.None);
        await rig.Writer.StopAsync(CancellationToken.None);

        rig.Queue.Enqueue("rn_late", RecordsRig.Record(0));

        Assert.Equal(1, rig.Dropped);
        Assert.Equal(0, await rig.KeptAsync("rn_late"));
    }

    [Fact]
    public async Task PartialBatch_IsWrittenOnTheTimer()
    {
        await using var rig = await RecordsRig.StartAsync(flushInterval: TimeSpan.FromMilliseconds(100));
        await rig.Writer.StartAsync(CancellationToken.None);
        try
        {
            rig.Queue.Enqueue("rn_timer", RecordsRig.Record(0));
            rig.Queue.Enqueue("rn_timer", RecordsRig.Record(1));
            rig.Queue.Enqueue("rn_timer", RecordsRig.Record(2));

            await Eventually.UntilAsync(() => rig.KeptAsync("rn_timer"), n => n == 3, what: "three records flushed by the timer");
        }
        finally
        {
            await rig.Writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task SustainedLoad_WithinCapacity_DropsNothing()
    {
        // 30,000 records at about 10,000 a second (more calls than two cores answer) over 8 runners.
        await using var rig = await RecordsRig.StartAsync(CallRecordWriter.DefaultFlushInterval);
        await rig.Writer.StartAsync(CancellationToken.None);
        for (var burst = 0; burst < 30; burst++)
        {
            for (var i = 0; i < 1000; i++)
            {
                rig.Queue.Enqueue("rn_load" + (i % 8), RecordsRig.Record(i));
            }

            await Task.Delay(100);
        }

        await rig.Writer.StopAsync(CancellationToken.None);

        var totals = await rig.Store.ReadTotalsAsync([.. Enumerable.Range(0, 8).Select(i => "rn_load" + i)]);
        Assert.Equal(0, rig.Dropped);
        Assert.Equal(30_000, totals.Sum(t => t.Calls));
    }

    [Fact]
    public async Task RedisDown_TheBatchIsDroppedAndCounted_AndStopStillReturns()
    {
        await using var rig = await RecordsRig.StartAsync(flushInterval: Never);
        await rig.Writer.StartAsync(CancellationToken.None);
        await rig.Redis.StopAsync();
        for (var i = 0; i < 10; i++)
        {
            rig.Queue.Enqueue("rn_down", RecordsRig.Record(i));
        }

        await rig.Writer.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(10, rig.Dropped);
    }
}
