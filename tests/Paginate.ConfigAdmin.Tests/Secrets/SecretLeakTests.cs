using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Secrets;

/// <summary>
/// Canary values go through every admin feature (dry runs, detection, tokens, notes) and a live gateway
/// call; afterwards no Redis key or value and no admin log line holds any of them.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SecretLeakTests
{
    private const string QueryCanary = "canary-query-5d1e@example.test";
    private const string RecipientLocal = "canary.recipient.77";
    private const string NoteCanary = "sk_live_canaryNOTE9x8y7z6w5v4u3";

    [Fact]
    public async Task CanaryValues_ReachNoRedisKeyOrValue_AndNoLogLine()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await PagedUpstream.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString);
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = PagedUpstream.ApiKey };
        var query = new Dictionary<string, string> { ["email"] = QueryCanary };
        var answers = new List<string>();

        async Task Post(string path, object body)
        {
            using var response = await host.PostAsync(path, body);
            answers.Add(await response.Content.ReadAsStringAsync());
        }

        await Post("api/runners/test", new { config = PagedUpstream.Runner(upstream), test_headers = headers, test_query = query });
        var id = await host.CreateRunnerAsync(PagedUpstream.Runner(upstream));
        await Post($"api/runners/{id}/test", new { test_headers = headers, test_query = query });
        await Post("api/runners/detect", new
        {
            request = new { url = upstream.Url("/customers?email={{email}}").ToString(), forward_headers = new[] { "X-Api-Key" } },
            test_headers = headers,
            test_query = query,
        });
        await Post($"api/runners/{id}/token", new { email = $"{RecipientLocal}@clay.com" });
        var token = Mailbox.Token(Mailbox.ReadNewest(host.PickupDirectory, 0));
        await Post($"api/runners/{id}/usage-notes", new { note = $"key is {NoteCanary}" });
        await Post($"api/runners/{id}/usage-notes", new { note = "A normal note." });

        await Eventually.UntilAsync(
            async () => { using var r = await gateway.CallAsync(id, "?email=" + Uri.EscapeDataString(QueryCanary), headers: headers); return r.StatusCode; },
            s => s == HttpStatusCode.OK,
            TimeSpan.FromSeconds(5),
            "the gateway serves the runner");
        await Eventually.UntilAsync(
            async () => (await redis.DumpAllAsync()).Contains("\"live\"", StringComparison.Ordinal),
            found => found,
            TimeSpan.FromSeconds(10),
            "the live call record is written");
        Assert.Equal(QueryCanary, upstream.Requests[^1].Query("email"));

        var dump = await redis.DumpAllAsync();
        var logs = host.Logs.All;
        foreach (var canary in new[] { PagedUpstream.ApiKey, QueryCanary, token, token[4..], RecipientLocal, NoteCanary })
        {
            Assert.DoesNotContain(canary, dump, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, logs, StringComparison.Ordinal);
        }

        foreach (var answer in answers)
        {
            Assert.DoesNotContain(PagedUpstream.ApiKey, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(QueryCanary, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(token[4..], answer, StringComparison.Ordinal);
            Assert.DoesNotContain(RecipientLocal, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(NoteCanary, answer, StringComparison.Ordinal);
        }

        Assert.Contains("A normal note.", dump, StringComparison.Ordinal);
        Assert.Contains("Dry run of", logs, StringComparison.Ordinal); // the capture itself works
    }
}
