using System.Text.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;
using StackExchange.Redis;

namespace Paginate.Gateway.Tests.Infrastructure;

/// <summary>Runner definitions and ways to put them into Redis, as config-admin would (or more quietly).</summary>
public static class TestRunners
{
    private static int _next;

    public static string NewId() => $"rn_test{Interlocked.Increment(ref _next)}_{Guid.NewGuid():N}"[..24];

    /// <summary>A single-page runner over <paramref name="url"/> with items at <c>data</c>.</summary>
    public static RunnerDefinition Simple(string url, IReadOnlyList<string>? forwardHeaders = null) => new()
    {
        Name = "test runner",
        Request = new RequestSpec { Url = url, ForwardHeaders = forwardHeaders ?? [] },
        Response = new ResponseSpec { ItemsPath = "data" },
        Limits = new LimitsSpec { MaxRetries = 0, RetryDelayMs = 0 },
    };

    /// <summary>Stores a runner the way config-admin publishes it: SET NX, index, version bump and a pub/sub message.</summary>
    public static async Task<string> PublishAsync(IConnectionMultiplexer redis, RunnerDefinition definition, string? id = null)
    {
        id ??= NewId();
        var stored = new StoredRunner { Id = id, CreatedAt = DateTimeOffset.UtcNow, Config = definition };
        Assert.True(await new RedisRunnerStore(redis).TryCreateAsync(stored));
        return id;
    }

    /// <summary>Stores a runner and bumps the version WITHOUT the pub/sub message: as if the message was lost.</summary>
    public static async Task<string> WriteQuietlyAsync(RedisServer server, RunnerDefinition definition, string? id = null)
    {
        id ??= NewId();
        var stored = new StoredRunner { Id = id, CreatedAt = DateTimeOffset.UtcNow, Config = definition };
        await server.CommandAsync("SET", RedisKeys.Runner(id).ToString(), JsonSerializer.Serialize(stored, RunnerJson.Options));
        await server.CommandAsync("ZADD", RedisKeys.RunnerIndex.ToString(), stored.CreatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), id);
        await server.CommandAsync("INCR", RedisKeys.CatalogVersion.ToString());
        return id;
    }

    /// <summary>Sets the runner's token (stores only its hash) and returns the token.</summary>
    public static async Task<string> IssueTokenAsync(IConnectionMultiplexer redis, string runnerId)
    {
        var token = "cpt_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        await new RedisTokenStore(redis).SetAsync(runnerId, hash, "o***@clay.com", DateTimeOffset.UtcNow);
        return token;
    }
}
