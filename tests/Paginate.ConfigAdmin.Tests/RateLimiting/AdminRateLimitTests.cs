using System.Net;
using System.Net.Http.Json;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.RateLimiting;

/// <summary>Per admin key limits on token issue, dry runs and detection: 429 with Retry-After, through the real app.</summary>
[Collection(RedisCollection.Name)]
public sealed class AdminRateLimitTests(RedisFixture redis)
{
    private const string Recipient = "ops.team@clay.com";

    [Fact]
    public async Task TokenIssue_OverTheLimit_Is429WithRetryAfter_AndSendsNoMail()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, Limits("TokenIssue", permits: 2, windowSeconds: 60));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var first = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        using var second = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        using var third = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var problem = await Json.ProblemAsync(third, (HttpStatusCode)429);
        Assert.Equal("https://paginate.dev/problems/rate-limited", problem.GetProperty("type").GetString());
        // Two permits per 60 s refill one every 30 s.
        Assert.InRange(int.Parse(Assert.Single(third.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture), 1, 30);
        Assert.Equal(2, Mailbox.Files(host.PickupDirectory).Length);
        Assert.DoesNotContain(AdminHost.AdminKey, host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenIssue_EachAdminKeyHasItsOwnAllowance_AndStatusReadsAreNotLimited()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, Limits("TokenIssue", permits: 1, windowSeconds: 3600));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var second = host.NewClient(AdminHost.SecondAdminKey);

        using var firstKey = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        using var firstKeyAgain = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        using var secondKey = await second.PostAsJsonAsync($"api/runners/{id}/token", new { email = Recipient });
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var read = await host.Client.GetAsync(new Uri($"api/runners/{id}/token", UriKind.Relative));
            reads.Add(read.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Accepted, firstKey.StatusCode);
        Assert.Equal((HttpStatusCode)429, firstKeyAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, secondKey.StatusCode);
        Assert.All(reads, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Theory]
    [InlineData("bearer  ")]
    [InlineData("BEARER ")]
    [InlineData("Bearer   ")]
    public async Task TokenIssue_TheSameKeyWrittenAnotherWay_SharesItsAllowance(string scheme)
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, Limits("TokenIssue", permits: 1, windowSeconds: 3600));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var respelled = host.NewClient(null);
        Assert.True(respelled.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", scheme + AdminHost.AdminKey));

        using var first = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        using var again = await respelled.PostAsJsonAsync($"api/runners/{id}/token", new { email = Recipient });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Json.ProblemAsync(again, (HttpStatusCode)429);
    }

    [Fact]
    public async Task TokenIssue_CallsWithoutAValidKey_Are401_AndSpendNoAllowance()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, Limits("TokenIssue", permits: 1, windowSeconds: 3600));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var wrong = host.NewClient("not-an-admin-key");

        var refused = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var anonymous = await host.Anonymous.PostAsJsonAsync($"api/runners/{id}/token", new { email = Recipient });
            using var badKey = await wrong.PostAsJsonAsync($"api/runners/{id}/token", new { email = Recipient });
            refused.Add(anonymous.StatusCode);
            refused.Add(badKey.StatusCode);
        }

        using var valid = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }

    [Fact]
    public async Task DryRuns_OverTheLimit_Are429_DraftAndSavedTogether()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, Limits("DryRuns", permits: 2, windowSeconds: 3600));

        // Bodies the handler refuses still spend the allowance: the limit is on calls, not on successes.
        using var draft = await host.PostAsync("api/runners/test", new { config = new { } });
        using var saved = await host.PostAsync("api/runners/rn_nosuchrunner2345671234567/test", new { });
        using var over = await host.PostAsync("api/runners/test", new { config = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, saved.StatusCode);
        await Json.ProblemAsync(over, (HttpStatusCode)429);
        Assert.True(over.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Detection_OverTheLimit_Is429_WhileDryRunsKeepTheirOwnAllowance()
    {
        var settings = Limits("Detection", permits: 1, windowSeconds: 3600);
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, settings);

        using var first = await host.PostAsync("api/runners/detect", new { });
        using var second = await host.PostAsync("api/runners/detect", new { });
        using var dryRun = await host.PostAsync("api/runners/test", new { config = new { } });

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        await Json.ProblemAsync(second, (HttpStatusCode)429);
        Assert.Equal(HttpStatusCode.BadRequest, dryRun.StatusCode);
    }

    [Fact]
    public async Task Start_InvalidLimits_FailsNamingEveryField()
    {
        var settings = Limits("DryRuns", permits: 0, windowSeconds: 0);
        settings["Admin:RateLimits:Detection:PermitLimit"] = "-1";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => AdminHost.StartAsync(redis.ConnectionString, settings));

        Assert.Contains("Admin:RateLimits:DryRuns:PermitLimit", error.Message, StringComparison.Ordinal);
        Assert.Contains("Admin:RateLimits:DryRuns:WindowSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("Admin:RateLimits:Detection:PermitLimit", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Limits(string policy, int permits, int windowSeconds) => new()
    {
        [$"Admin:RateLimits:{policy}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Admin:RateLimits:{policy}:WindowSeconds"] = windowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
