namespace Paginate.Engine.Storage;

/// <summary>
/// The Lua scripts of the call-record store. Each touches one runner's record list (<c>KEYS[1]</c>) and totals
/// hash (<c>KEYS[2]</c>), which share a Cluster slot (<see cref="RedisKeys.CallTotals"/>), so each runs atomically:
/// a reader never sees records without their counts.
/// </summary>
internal static class CallRecordScripts
{
    /// <summary>
    /// <c>ARGV</c>: the list cap, the number n of records, n records as JSON (oldest first), then field/increment
    /// pairs for the totals hash. Pushes, trims and counts in one step.
    /// </summary>
    public const string Append = """
        local n = tonumber(ARGV[2])
        redis.call('LPUSH', KEYS[1], unpack(ARGV, 3, n + 2))
        redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[1]) - 1)
        for i = n + 3, #ARGV, 2 do
          redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1])
        end
        return n
        """;

    /// <summary>
    /// Returns the totals hash (flat field/value list) and the kept records that predate the counters. Every counted
    /// record was pushed in the same step as its count and counted records are newer than uncounted ones, so the list
    /// holds <c>max(0, length - calls)</c> uncounted records at its tail. Once they were added (the <c>backfilled</c>
    /// field) nothing is read from the list.
    /// </summary>
    public const string ReadTotals = $$"""
        local totals = redis.call('HGETALL', KEYS[2])
        if redis.call('HEXISTS', KEYS[2], '{{CallTotalsFields.Backfilled}}') == 1 then
          return { totals, {} }
        end
        local calls = tonumber(redis.call('HGET', KEYS[2], '{{CallTotalsFields.Calls}}') or '0')
        local length = redis.call('LLEN', KEYS[1])
        if length <= calls then
          return { totals, {} }
        end
        return { totals, redis.call('LRANGE', KEYS[1], calls, -1) }
        """;

    /// <summary>
    /// <c>ARGV</c>: field/increment pairs of the uncounted records. Applied only by the first reader to get here
    /// (HSETNX on <c>backfilled</c>), so two admins reading at once never count the old records twice.
    /// </summary>
    public const string Backfill = $$"""
        if redis.call('HSETNX', KEYS[1], '{{CallTotalsFields.Backfilled}}', '1') == 0 then
          return 0
        end
        for i = 1, #ARGV, 2 do
          redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        return 1
        """;
}
