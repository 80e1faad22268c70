using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Tokens;

[Collection(RedisCollection.Name)]
public sealed class TokenTests(RedisFixture redis)
{
    private const string Recipient = "ops.team@clay.com";

    [Fact]
    public async Task Issue_MailsTheToken_StoresOnlyItsHash_AndAnswers202Masked()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var response = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("sent", body.GetProperty("status").GetString());
        Assert.Equal("o***@clay.com", body.GetProperty("recipient").GetString());
        Assert.EndsWith("Z", body.GetProperty("issued_at").GetString());

        var mail = Mailbox.ReadNewest(host.PickupDirectory, 0);
        Assert.Contains(Recipient, mail, StringComparison.Ordinal);
        var token = Mailbox.Token(mail);
        Assert.Equal(47, token.Length);
        var raw = File.ReadAllText(Mailbox.Files(host.PickupDirectory).Single());
        Assert.Contains("\n" + token + "\r\n", raw, StringComparison.Ordinal); // greppable as sent: one line, not wrapped

        var stored = await host.Services.GetRequiredService<ITokenStore>().GetAsync(id);
        Assert.Equal(Hash(token), stored!.Hash);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        var dump = await redis.Server.DumpAllAsync();
        Assert.DoesNotContain(token, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..], dump, StringComparison.Ordinal);
        Assert.DoesNotContain(Recipient, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..], host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Recipient, host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_RunnerSavedWithALineBreakInItsName_StillMailsWithAOneLineSubject()
    {
        // Names with control characters are refused today, but runners are immutable: one saved before that
        // rule must still get tokens, and its name must not break the mail's header block.
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = "rn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var stored = await host.Services.GetRequiredService<IRunnerStore>().TryCreateAsync(new StoredRunner
        {
            Id = id,
            CreatedAt = DateTimeOffset.UtcNow,
            Config = new Paginate.Engine.Runners.RunnerDefinition
            {
                Name = "Line\r\nBcc: someone@example.test\u0000",
                Request = new Paginate.Engine.Runners.RequestSpec { Url = "https://api.example.test/x" },
                Response = new Paginate.Engine.Runners.ResponseSpec { ItemsPath = "data" },
            },
        });
        Assert.True(stored);

        using var response = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var file = Mailbox.Files(host.PickupDirectory).Single();
        var raw = File.ReadAllText(file);
        var headers = raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)];
        Assert.DoesNotContain("\nBcc:", headers, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\0", raw, StringComparison.Ordinal);
        using var mail = MimeKit.MimeMessage.Load(file);
        Assert.Empty(mail.Bcc);
        Assert.Equal("Your Paginate token for Line Bcc: someone@example.test (" + id + ")", mail.Subject);
    }

    [Fact]
    public async Task Rotate_ReplacesTheHash_AndCountsRotations()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var none = await host.Client.GetAsync(new Uri($"api/runners/{id}/token", UriKind.Relative));
        var empty = await Json.ReadAsync(none);
        Assert.False(empty.GetProperty("active").GetBoolean());
        Assert.Equal("null", empty.GetProperty("issued_at").GetRawText());
        Assert.Equal("null", empty.GetProperty("recipient").GetRawText());

        (await host.PostAsync($"api/runners/{id}/token", new { email = Recipient })).Dispose();
        var first = Mailbox.Token(Mailbox.ReadNewest(host.PickupDirectory, 0));
        (await host.PostAsync($"api/runners/{id}/token", new { email = "Ann@CLAY.com" })).Dispose();
        var second = Mailbox.Token(Mailbox.ReadNewest(host.PickupDirectory, 1));

        Assert.NotEqual(first, second);
        var stored = await host.Services.GetRequiredService<ITokenStore>().GetAsync(id);
        Assert.Equal(Hash(second), stored!.Hash);

        using var status = await host.Client.GetAsync(new Uri($"api/runners/{id}/token", UriKind.Relative));
        var body = await Json.ReadAsync(status);
        Assert.True(body.GetProperty("active").GetBoolean());
        Assert.Equal(2, body.GetProperty("rotations").GetInt32());
        Assert.Equal("A***@clay.com", body.GetProperty("recipient").GetString());
    }

    private static readonly string[] LookAlikes =
    [
        "ops@clay.com.evil.io",
        "ops@evilclay.com",
        "clay.com@evil.io",
        "ops@clay.com@evil.io",
        "Ops <ops@clay.com>",
        "\"Ops\" <ops@clay.com>",
        " ops@clay.com",
        "ops@clay.com ",
        "ops @clay.com",
        "ops@clay.com\n",
        "ops@sub.clay.com",
        "ops@clay.co",
        "ops@clay.com.",
        "@clay.com",
        "ops@",
        "",
    ];

    [Fact]
    public async Task Issue_AddressOutsideTheAllowedDomains_Is400_AndSendsNothing()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        foreach (var email in LookAlikes)
        {
            using var response = await host.PostAsync($"api/runners/{id}/token", new { email });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"'{email}' was not refused");
            Json.Errors(await Json.ProblemAsync(response, HttpStatusCode.BadRequest), "email");
        }

        Assert.Empty(Mailbox.Files(host.PickupDirectory));
        Assert.Null(await host.Services.GetRequiredService<ITokenStore>().GetAsync(id));
    }

    [Fact]
    public async Task Issue_ConfiguredDomains_ReplaceTheDefault()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?> { ["Admin:TokenEmailDomains:0"] = "example.org" });
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var clay = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        await Json.ProblemAsync(clay, HttpStatusCode.BadRequest);
        using var allowed = await host.PostAsync($"api/runners/{id}/token", new { email = "ops@Example.org" });
        Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
    }

    [Fact]
    public async Task Issue_MailFailure_Is502_AndTheCurrentTokenStays()
    {
        await using var working = await AdminHost.StartAsync(redis.ConnectionString);
        var id = await working.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        (await working.PostAsync($"api/runners/{id}/token", new { email = Recipient })).Dispose();
        var token = Mailbox.Token(Mailbox.ReadNewest(working.PickupDirectory, 0));

        await using var broken = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Smtp:PickupDirectory"] = "",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var response = await broken.PostAsync($"api/runners/{id}/token", new { email = Recipient });
        var problem = await Json.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("the token email could not be sent; the current token is unchanged", problem.GetProperty("detail").GetString());

        var stored = await broken.Services.GetRequiredService<ITokenStore>().GetAsync(id);
        Assert.Equal(Hash(token), stored!.Hash);
        Assert.Equal(1, stored.Rotations);
    }

    [Fact]
    public async Task Issue_UnknownRunnerOrBadBody_AreProblems()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var unknown = await host.PostAsync("api/runners/rn_nosuchrunner2345671234567/token", new { email = Recipient });
        await Json.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var unknownGet = await host.Client.GetAsync(new Uri("api/runners/rn_nosuchrunner2345671234567/token", UriKind.Relative));
        await Json.ProblemAsync(unknownGet, HttpStatusCode.NotFound);

        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));
        using var text = await host.Client.PostAsync(new Uri($"api/runners/{id}/token", UriKind.Relative), new StringContent(Recipient));
        await Json.ProblemAsync(text, HttpStatusCode.UnsupportedMediaType);
        using var extra = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient, token = "mine" });
        Json.Errors(await Json.ProblemAsync(extra, HttpStatusCode.BadRequest), "token");
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
