using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

public sealed class CallRecordStoreTests : IClassFixture<RedisFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UnixEpoch.AddYears(55);
    private readonly RedisFixture _redis;

    public CallRecordStoreTests(RedisFixture redis) => _redis = redis;

    private IConnectionMultiplexer Connection => _redis.Connection;

    public async Task InitializeAsync() => await _redis.Server.CommandAsync("FLUSHALL");

    public Task DisposeAsync() => Task.CompletedTask;

    private static CallRecord Record(int minute, string mode = CallRecord.LiveMode, int? status = 200, string stop = "no_next_page", string? error = null) => new()
    {
        At = Start.AddMinutes(minute),
        Mode = mode,
        Outcome = error is null ? CallRecord.SuccessOutcome : CallRecord.ErrorOutcome,
        Pages = 2,
        Items = 10 + minute,
        DurationMs = 100,
        UpstreamStatus = status,
        StopReason = stop,
        Retries = 1,
        ErrorCode = error,
    };

    [Fact]
    public async Task AppendMany_TwoRunners_ListsNewestFirstAndCountersExact()
    {
        var store = new RedisCallRecordStore(Connection);

        await store.AppendManyAsync(
        [
            ("rn_a", Record(2)),
            ("rn_b", Record(0, CallRecord.TestMode, status: 502, stop: "upstream_error", error: "upstream_status")),
            ("rn_a", Record(0)),
            ("rn_a", Record(1, status: null, stop: "client_cancelled", error: null) with { Outcome = CallRecord.ErrorOutcome }),
        ]);

        var a = await store.ReadAsync("rn_a", null, 100);
        var totals = await store.ReadTotalsAsync(["rn_a", "rn_b", "rn_never"]);

        Assert.Equal([Start.AddMinutes(2), Start.AddMinutes(1), Start], a.Select(r => r.At));
        Assert.Equal(3, totals[0].Calls);
        Assert.Equal(3, totals[0].LiveCalls);
        Assert.Equal(0, totals[0].TestCalls);
        Assert.Equal(1, totals[0].ErrorCalls);
        Assert.Equal(10 + 11 + 12, totals[0].Items);
        Assert.Equal(6, totals[0].Pages);
        Assert.Equal(3, totals[0].Retries);
        Assert.Equal(300, totals[0].DurationMs);
        Assert.Equal(new Dictionary<string, long> { ["200"] = 2 }, totals[0].StatusCodes);
        Assert.Equal(new Dictionary<string, long> { ["client_cancelled"] = 1, ["no_next_page"] = 2 }, totals[0].StopReasons);
        Assert.Empty(totals[0].ErrorCodes);
        Assert.Equal(1, totals[1].TestCalls);
        Assert.Equal(new Dictionary<string, long> { ["upstream_status"] = 1 }, totals[1].ErrorCodes);
        Assert.Equal(new Dictionary<string, long> { ["502"] = 1 }, totals[1].StatusCodes);
        Assert.Equal(0, totals[2].Calls);
    }

    [Fact]
    public async Task Totals_KeepCountingPastTheListCap()
    {
        var store = new RedisCallRecordStore(Connection, maxPerRunner: 5);
        for (var i = 0; i < 8; i++)
        {
            await store.AppendAsync("rn_c", Record(i));
        }

        Assert.Equal(5, (await store.ReadAsync("rn_c", null, 100)).Count);
        Assert.Equal(8, (await store.ReadTotalsAsync("rn_c")).Calls);
    }

    [Fact]
    public async Task AppendMany_MoreThanOneScriptsWorth_KeepsEveryRecordInOrder()
    {
        var store = new RedisCallRecordStore(Connection);
        // Newest first in the batch: the order of the list must not depend on how the batch was cut into scripts.
        var records = Enumerable.Range(0, 1203).Reverse().Select(i => ("rn_big", Record(i))).ToList();

        await store.AppendManyAsync(records);

        var kept = await store.ReadAsync("rn_big", null, 2000);
        Assert.Equal(1203, kept.Count);
        Assert.Equal(Enumerable.Range(0, 1203).Reverse().Select(i => Start.AddMinutes(i)), kept.Select(r => r.At));
        Assert.Equal(1203, (await store.ReadTotalsAsync("rn_big")).Calls);
    }

    [Fact]
    public void RecordListAndTotals_ShareOneClusterSlot_AndTheListKeepsItsName()
    {
        Assert.Equal(0x31C3, ClusterSlot.Crc16("123456789"u8)); // the check value of Redis Cluster's CRC16

        Assert.Equal("paginate:calls:rn_slot", RedisKeys.Calls("rn_slot").ToString());
        Assert.Equal(ClusterSlot.Of(RedisKeys.Calls("rn_slot")), ClusterSlot.Of(RedisKeys.CallTotals("rn_slot")));
        Assert.NotEqual(ClusterSlot.Of(RedisKeys.CallTotals("rn_slot")), ClusterSlot.Of(RedisKeys.CallTotals("rn_other")));
    }

    [Fact]
    public async Task RecordsFromBeforeCounters_AreCountedOnce_ThenNewRecordsAddToThem()
    {
        // Written the way the store did before counters existed: a bare LPUSH per record.
        var db = Connection.GetDatabase();
        var legacyJson = """{"at":"2025-01-01T00:00:00+00:00","mode":"live","outcome":"success","pages":3,"items":30,"duration_ms":50,"upstream_status":200,"stop_reason":"no_next_page","retries":0,"error_code":null}""";
        await db.ListLeftPushAsync(RedisKeys.Calls("rn_old"), legacyJson);
        await db.ListLeftPushAsync(RedisKeys.Calls("rn_old"), legacyJson);
        var store = new RedisCallRecordStore(Connection);
        await store.AppendAsync("rn_old", Record(0));

        var first = await store.ReadTotalsAsync("rn_old");
        var second = await store.ReadTotalsAsync("rn_old");
        await store.AppendAsync("rn_old", Record(1));
        var third = await store.ReadTotalsAsync("rn_old");

        Assert.Equal(3, first.Calls);
        Assert.Equal(30 + 30 + 10, first.Items);
        Assert.Equal(3, first.StopReasons["no_next_page"]);
        Assert.Equal(first.Items, second.Items);
        Assert.Equal(3, second.Calls);
        Assert.Equal(4, third.Calls);
        Assert.Equal(30 + 30 + 10 + 11, third.Items);
    }

    [Fact]
    public async Task StoredRecords_HoldOnlyTheContractFields()
    {
        var store = new RedisCallRecordStore(Connection);
        await store.AppendAsync("rn_f", Record(0, error: "upstream_status"));

        var raw = (string)(await Connection.GetDatabase().ListGetByIndexAsync(RedisKeys.Calls("rn_f"), 0))!;
        using var json = System.Text.Json.JsonDocument.Parse(raw);

        Assert.Equal(
            ["at", "duration_ms", "error_code", "items", "mode", "outcome", "pages", "retries", "stop_reason", "upstream_status"],
            json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
