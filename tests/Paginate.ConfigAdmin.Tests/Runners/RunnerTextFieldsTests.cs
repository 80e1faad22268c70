using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Runners;

/// <summary>A saved runner is immutable: a name or description that would break mail, logs or the UI is refused at the door.</summary>
[Collection(RedisCollection.Name)]
public sealed class RunnerTextFieldsTests(RedisFixture redis)
{
    [Fact]
    public async Task Create_NameOrDescriptionWithLineBreak_Is400NamingTheField_AndStoresNothing()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var before = await redis.Server.DumpAllAsync();
        var definition = PagedUpstream.Runner(upstream, "Customers\r\nBcc: someone@example.test");
        definition["description"] = "line one\nline two";

        using var response = await host.PostAsync("api/runners", definition);

        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("U+000D at position 10", Json.Errors(problem, "name")[0], StringComparison.Ordinal);
        Assert.Contains("U+000A at position 9", Json.Errors(problem, "description")[0], StringComparison.Ordinal);
        Assert.Equal(before, await redis.Server.DumpAllAsync());
    }
}
