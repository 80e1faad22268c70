using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Notes;

[Collection(RedisCollection.Name)]
public sealed class UsageNotesTests(RedisFixture redis)
{
    [Fact]
    public async Task Notes_AreAppended_AndListedOldestFirst()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var first = await host.PostAsync($"api/runners/{id}/usage-notes", new { note = "  Used by the growth team.  " });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await Json.ReadAsync(first);
        Assert.Equal("Used by the growth team.", created.GetProperty("note").GetString());
        Assert.EndsWith("Z", created.GetProperty("created_at").GetString());
        (await host.PostAsync($"api/runners/{id}/usage-notes", new { note = "Second note." })).Dispose();

        using var list = await host.Client.GetAsync(new Uri($"api/runners/{id}/usage-notes", UriKind.Relative));
        var notes = (await Json.ReadAsync(list)).GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("note").GetString()).ToList();
        Assert.Equal(["Used by the growth team.", "Second note."], notes);
    }

    [Fact]
    public async Task CredentialLookingNote_Is400WithAReason_AndIsNotStored()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        const string secret = "sk_live_51HcanaryNoteKeyQ2eZvKYlo2C8";
        using var response = await host.PostAsync($"api/runners/{id}/usage-notes", new { note = $"prod key is {secret}" });
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        var reason = Json.Errors(problem, "note")[0];
        Assert.Contains("Stripe", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var list = await host.Client.GetAsync(new Uri($"api/runners/{id}/usage-notes", UriKind.Relative));
        Assert.Equal(0, (await Json.ReadAsync(list)).GetProperty("notes").GetArrayLength());
        Assert.DoesNotContain(secret, await redis.Server.DumpAllAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadNotes_AndUnknownRunners_AreProblems()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        foreach (var body in new object[] { new { note = "" }, new { note = "   " }, new { note = new string('a', 501) }, new { note = 5 }, new { other = "x" } })
        {
            using var response = await host.PostAsync($"api/runners/{id}/usage-notes", body);
            await Json.ProblemAsync(response, HttpStatusCode.BadRequest);
        }

        using var longest = await host.PostAsync($"api/runners/{id}/usage-notes", new { note = string.Join(' ', Enumerable.Repeat("word", 100)) });
        Assert.Equal(HttpStatusCode.Created, longest.StatusCode);

        using var unknown = await host.PostAsync("api/runners/rn_unknown2345678901234567890/usage-notes", new { note = "hello" });
        await Json.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var unknownList = await host.Client.GetAsync(new Uri("api/runners/rn_unknown2345678901234567890/usage-notes", UriKind.Relative));
        await Json.ProblemAsync(unknownList, HttpStatusCode.NotFound);
    }
}
