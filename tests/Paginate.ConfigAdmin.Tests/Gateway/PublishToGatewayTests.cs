using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit;
using Paginate.TestKit.Gateway;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Gateway;

/// <summary>What the admin app publishes, a real gateway serves: runners, tokens and their rotation.</summary>
[Collection(RedisCollection.Name)]
public sealed class PublishToGatewayTests(RedisFixture redis)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task PublishedRunner_IsServedByARunningGateway_AndItsCallShowsInAnalytics()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString);
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(PagedUpstream.Runner(upstream));
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = PagedUpstream.ApiKey };

        var status = await Eventually.UntilAsync(
            async () => { using var r = await gateway.CallAsync(id, "?email=a%40b.test", headers: headers); return r.StatusCode; },
            s => s == HttpStatusCode.OK,
            Propagation,
            "the gateway serves the new runner");
        Assert.Equal(HttpStatusCode.OK, status);

        using var response = await gateway.CallAsync(id, "?email=a%40b.test", headers: headers);
        var body = await Json.ReadAsync(response);
        Assert.Equal(5, body.GetProperty("items").GetArrayLength());
        Assert.Equal(id, body.GetProperty("meta").GetProperty("runner_id").GetString());

        var report = await Eventually.UntilAsync(
            async () => { using var r = await host.Client.GetAsync(new Uri($"api/runners/{id}/analytics?window=24h", UriKind.Relative)); return await Json.ReadAsync(r); },
            r => r.GetProperty("clay_calls").GetInt32() >= 2,
            TimeSpan.FromSeconds(10),
            "live call records reach analytics");
        Assert.Equal(0, report.GetProperty("test_calls").GetInt32());
        Assert.True(report.GetProperty("items_returned").GetInt32() >= 10);
        Assert.True(report.GetProperty("status_codes").GetProperty("200").GetInt32() >= 2);
    }

    [Fact]
    public async Task TokenFlow_MailedTokenIsAccepted_RotationRefusesTheOldOne_AndAFailedMailChangesNothing()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var gateway = await GatewayHost.StartAsync(redis.ConnectionString, new() { AllowedNetworks = ["10.255.255.0/24"] });
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(upstream.Url("/broken"), "token flow"));

        // Outside the allowlist and without a token: refused.
        using (var refused = await gateway.CallAsync(id))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        (await host.PostAsync($"api/runners/{id}/token", new { email = "ops@clay.com" })).Dispose();
        var first = Mailbox.Token(Mailbox.ReadNewest(host.PickupDirectory, 0));

        // Let in (the upstream answers 500, so the gateway's own answer is 502: access was granted).
        await Eventually.UntilAsync(
            async () => { using var r = await gateway.CallAsync(id, token: first); return r.StatusCode; },
            s => s == HttpStatusCode.BadGateway,
            Propagation,
            "the gateway accepts the mailed token");

        // A failed mail leaves the current token working.
        await using (var broken = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Smtp:PickupDirectory"] = "",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        }))
        {
            using var failed = await broken.PostAsync($"api/runners/{id}/token", new { email = "ops@clay.com" });
            Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        }

        using (var stillOk = await gateway.CallAsync(id, token: first))
        {
            Assert.Equal(HttpStatusCode.BadGateway, stillOk.StatusCode);
        }

        // Rotation: the new token works, the old one is refused.
        (await host.PostAsync($"api/runners/{id}/token", new { email = "ops@clay.com" })).Dispose();
        var second = Mailbox.Token(Mailbox.ReadNewest(host.PickupDirectory, 1));
        await Eventually.UntilAsync(
            async () => { using var r = await gateway.CallAsync(id, token: first); return r.StatusCode; },
            s => s == HttpStatusCode.Unauthorized,
            Propagation,
            "the old token is refused after rotation");
        using var withNew = await gateway.CallAsync(id, token: second);
        Assert.Equal(HttpStatusCode.BadGateway, withNew.StatusCode);
        Assert.DoesNotContain(first[4..], gateway.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(second[4..], host.Logs.All, StringComparison.Ordinal);
    }
}
