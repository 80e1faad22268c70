using System.Globalization;
using System.Security.Cryptography;
using Paginate.Engine.Budgets;
using Paginate.Engine.Runners;
using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// Rate budgets and back-off holds shared through Redis by every gateway: one atomic Lua script per token (GCRA,
/// on Redis's own clock so gateways need no synchronised clocks), which also reads the scope's hold, so a token
/// costs one round trip. The token and hold keys of a scope share a hash tag (one Redis Cluster slot).
/// A scope WITHOUT a budget sends nothing to Redis per request: every hold set is also announced on
/// <see cref="HoldChannel"/>, each gateway keeps the announced holds in memory and checks them
/// there. A gateway that was not subscribed when a hold was announced (starting, reconnecting) learns of it only
/// from its own next 429/503, which sets (and announces) the hold again.
/// </summary>
/// <remarks>
/// When Redis is unreachable, slow (over <see cref="CallTimeout"/>) or fails, each gateway uses a
/// <see cref="LocalUpstreamBudget"/> with the runner's FULL budget (and its own holds): a fleet of N gateways
/// may then send up to N times the budget, but keeps serving; the upstream's own 429s and back-off still apply.
/// Keys hold only runner ids, keyed hashes and times: never a header value, placeholder value or row.
/// </remarks>
public sealed class RedisUpstreamBudget : IUpstreamBudget
{
    /// <summary>A budget call slower than this is given up for the local budget: a page should not wait on Redis.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);

    // KEYS[1] token time (TAT, µs), KEYS[2] hold until (µs); ARGV interval µs (0: no budget), burst, max wait µs.
    // Answers { granted 1|0, wait µs }. Reserves the token only when the wait fits, so a refused call costs nothing.
    private const string TakeScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local start = tonumber(redis.call('GET', KEYS[2]) or '0')
        if start < now then start = now end
        local interval = tonumber(ARGV[1])
        local tat = now
        if interval > 0 then
          tat = tonumber(redis.call('GET', KEYS[1]) or '0')
          if tat < now then tat = now end
          local earliest = tat - (tonumber(ARGV[2]) - 1) * interval
          if earliest > start then start = earliest end
        end
        local wait = start - now
        if wait > tonumber(ARGV[3]) then return { 0, wait } end
        if interval > 0 then
          if start > tat then tat = start end
          tat = tat + interval
          redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + 1000)
        end
        return { 1, wait }
        """;

    // KEYS[1] hold until (µs); ARGV hold µs. A later hold already set wins. Answers the µs the hold now has left.
    private const string HoldScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local untilv = now + tonumber(ARGV[1])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if untilv > current then
          redis.call('SET', KEYS[1], string.format('%.0f', untilv), 'PX', math.floor(tonumber(ARGV[1]) / 1000) + 1000)
        else
          untilv = current
        end
        return untilv - now
        """;

    /// <summary>Back-off holds announced to every gateway: <c>&lt;hold µs left&gt; &lt;scope key&gt;</c> (a runner id and a keyed hash, never a value).</summary>
    public static readonly RedisChannel HoldChannel = RedisChannel.Literal("paginate:budget-holds");

    private readonly IConnectionMultiplexer _redis;
    private readonly LocalUpstreamBudget _local;
    private readonly byte[]? _configuredHashKey;
    private byte[]? _sharedHashKey;
    private long _fallbacks;
    private int _subscribed;
    private int _fetchingHashKey;

    /// <param name="redis">The shared connection.</param>
    /// <param name="hashKey">
    /// Key of the credential-scope hash, the same on every gateway (e.g. from configuration). Null: a random key is
    /// created once in Redis (<see cref="RedisKeys.BudgetHashKey"/>) and shared through it.
    /// </param>
    /// <param name="time">Clock of the local fallback budget.</param>
    public RedisUpstreamBudget(IConnectionMultiplexer redis, byte[]? hashKey = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _redis = redis;
        _configuredHashKey = hashKey;
        _local = new LocalUpstreamBudget(time, hashKey);
        try
        {
            // Subscribed before the first call, so no hold announced after this gateway started is missed.
            _redis.GetSubscriber().Subscribe(HoldChannel, (_, message) => OnHoldAnnounced(message));
            _subscribed = 1;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Not subscribed: scopes without a budget read the hold from Redis until a later subscribe works.
        }

        FetchHashKeyLater();
    }

    /// <summary>Budget calls answered by the local budget because Redis could not be used.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    public BudgetScope Scope(string runnerId, RateLimitSpec? rate, IReadOnlyList<KeyValuePair<string, string>> forwardedHeaders)
    {
        // Without the fleet's key, credential scopes could not match across gateways: the local key is used and
        // the local budget serves them (see TakeAsync) until Redis hands out the shared key. A scope never waits on
        // Redis for it: the key is fetched in the background and only read here.
        var key = rate?.Scope == RateLimitScopes.Credential ? HashKey() : null;
        return key is null ? _local.Scope(runnerId, rate, forwardedHeaders) : BudgetScopes.Create(runnerId, rate, forwardedHeaders, key);
    }

    public async ValueTask<BudgetTicket> TakeAsync(BudgetScope scope, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.RequestsPerSecond is null && Volatile.Read(ref _subscribed) == 1)
        {
            // No budget: only a hold can delay the request, and every hold is announced to this gateway.
            return await _local.TakeAsync(scope, maxWait, cancellationToken).ConfigureAwait(false);
        }

        if (!_redis.IsConnected)
        {
            return await FallBackTake(scope, maxWait, cancellationToken).ConfigureAwait(false);
        }

        if (scope.RequestsPerSecond is null)
        {
            SubscribeLater();
        }

        try
        {
            var result = (RedisResult[])(await _redis.GetDatabase()
                .ScriptEvaluateAsync(TakeScript, [RedisKeys.BudgetTokens(scope.Key), RedisKeys.BudgetHold(scope.Key)],
                [
                    Micros(scope.Interval), scope.Burst, Micros(maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait),
                ])
                .WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false))!;
            return new BudgetTicket((long)result[0] == 1, TimeSpan.FromMicroseconds((long)result[1]));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return await FallBackTake(scope, maxWait, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask HoldAsync(BudgetScope scope, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var capped = duration > BudgetScopes.MaxHold ? BudgetScopes.MaxHold : duration;

        // Held locally too: should Redis go away, this gateway still honours what the upstream asked.
        await _local.HoldAsync(scope, capped, cancellationToken).ConfigureAwait(false);
        if (!_redis.IsConnected)
        {
            return;
        }

        try
        {
            var left = (long)(await _redis.GetDatabase().ScriptEvaluateAsync(HoldScript, [RedisKeys.BudgetHold(scope.Key)], [Micros(capped)])
                .WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false));
            await _redis.GetSubscriber().PublishAsync(HoldChannel, string.Create(CultureInfo.InvariantCulture, $"{left} {scope.Key}"))
                .WaitAsync(CallTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Interlocked.Increment(ref _fallbacks);
        }
    }

    // An announced hold, kept locally for the time it had left when announced (pub/sub latency aside).
    private void OnHoldAnnounced(RedisValue message)
    {
        var text = message.ToString();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && long.TryParse(text.AsSpan(0, space), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros) && micros > 0)
        {
            _ = _local.HoldAsync(new BudgetScope { Key = text[(space + 1)..] }, TimeSpan.FromMicroseconds(micros), CancellationToken.None);
        }
    }

    private void SubscribeLater()
    {
        if (Interlocked.CompareExchange(ref _subscribed, 2, 0) != 0)
        {
            return;
        }

        _redis.GetSubscriber().SubscribeAsync(HoldChannel, (_, message) => OnHoldAnnounced(message))
            .ContinueWith(t => Volatile.Write(ref _subscribed, t.IsCompletedSuccessfully ? 1 : 0), TaskScheduler.Default);
    }

    private ValueTask<BudgetTicket> FallBackTake(BudgetScope scope, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fallbacks);
        return _local.TakeAsync(scope, maxWait, cancellationToken);
    }

    /// <summary>The fleet's credential-hash key: configured, or as read from Redis; null until Redis has handed it out.</summary>
    private byte[]? HashKey()
    {
        if ((_configuredHashKey ?? Volatile.Read(ref _sharedHashKey)) is { } known)
        {
            return known;
        }

        FetchHashKeyLater();
        return null;
    }

    // One fetch at a time; a failed one is tried again by the next credential scope, as SubscribeLater does.
    private void FetchHashKeyLater()
    {
        if (_configuredHashKey is not null || !_redis.IsConnected || Interlocked.CompareExchange(ref _fetchingHashKey, 1, 0) != 0)
        {
            return;
        }

        _ = FetchHashKeyAsync();
    }

    // The key is created once in Redis (the first gateway's wins) and read back by every gateway.
    private async Task FetchHashKeyAsync()
    {
        try
        {
            var db = _redis.GetDatabase();
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            await db.StringSetAsync(RedisKeys.BudgetHashKey, fresh, when: When.NotExists).ConfigureAwait(false);
            if ((string?)await db.StringGetAsync(RedisKeys.BudgetHashKey).ConfigureAwait(false) is { } stored)
            {
                Volatile.Write(ref _sharedHashKey, Convert.FromBase64String(stored));
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or FormatException)
        {
            // Not known yet: the local budget serves credential scopes until a later fetch works.
        }
        finally
        {
            Volatile.Write(ref _fetchingHashKey, 0);
        }
    }

    private static long Micros(TimeSpan span) => (long)Math.Ceiling(span.TotalMicroseconds);

    /// <summary>For diagnostics: never the key itself.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"RedisUpstreamBudget(fallbacks: {Fallbacks})");
}
