using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Runners;

[Collection(RedisCollection.Name)]
public sealed class RunnerLookupTests(RedisFixture redis)
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "" },
        { "GET", "/token" },
        { "POST", "/token" },
        { "GET", "/usage-notes" },
        { "POST", "/usage-notes" },
        { "GET", "/analytics" },
        { "POST", "/test" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EveryRunnerEndpoint_UnknownOrMalformedId_IsTheSame404Problem(string method, string suffix)
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        const string unknown = "rn_unknown2345678901234567890";

        using var missing = await SendAsync(host, method, $"api/runners/{unknown}{suffix}");
        using var malformed = await SendAsync(host, method, $"api/runners/not-an-id{suffix}");

        Assert.Equal($"No runner with id '{unknown}'.", (await Json.ProblemAsync(missing, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        Assert.Equal("No runner with this id.", (await Json.ProblemAsync(malformed, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
    }

    private static Task<HttpResponseMessage> SendAsync(AdminHost host, string method, string path) =>
        method == "GET"
            ? host.Client.GetAsync(new Uri(path, UriKind.Relative))
            : host.PostAsync(path, new { note = "used by the Growth table", email = "ops@clay.com" });
}
