using System.Globalization;
using System.Net;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.ConfigAdmin.Tokens;
using Paginate.Engine.Storage;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Tokens;

/// <summary>Token mail over real SMTP (MailKit against a loopback server), and how the connection is secured.</summary>
[Collection(RedisCollection.Name)]
public sealed class SmtpDeliveryTests(RedisFixture redis)
{
    private const string Recipient = "ops.team@clay.com";

    [Fact]
    public async Task Issue_OverSmtp_DeliversOneMailWithTheTokenOnItsOwnLine()
    {
        await using var smtp = LoopbackSmtpServer.Start();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, SmtpSettings(smtp));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var response = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = Assert.Single(smtp.Messages);
        var token = Mailbox.Token(mail);
        Assert.Contains("\r\n" + token + "\r\n", mail, StringComparison.Ordinal);
        Assert.Contains("To: " + Recipient, mail, StringComparison.Ordinal);
        Assert.Contains(smtp.Commands, c => c.StartsWith("RCPT TO:<" + Recipient + ">", StringComparison.Ordinal));
        Assert.Empty(Mailbox.Files(host.PickupDirectory));
        var stored = await host.Services.GetRequiredService<ITokenStore>().GetAsync(id);
        Assert.Equal(TokenGenerator.Hash(token), stored!.Hash);
        Assert.DoesNotContain(token[4..], host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_ServerOffersStartTls_TheClientAsksForIt()
    {
        await using var smtp = LoopbackSmtpServer.Start(offerStartTls: true);
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, SmtpSettings(smtp));
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var response = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        // The server refuses the upgrade it offered: nothing is sent in clear text after that.
        await Json.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("STARTTLS", smtp.Commands);
        Assert.DoesNotContain(smtp.Commands, c => c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task Issue_LoginButNoStartTlsOffered_SendsNoPasswordAndIs502()
    {
        await using var smtp = LoopbackSmtpServer.Start(offerStartTls: false);
        var settings = SmtpSettings(smtp);
        settings["Smtp:Username"] = "paginate";
        settings["Smtp:Password"] = "canary-smtp-password-7f7f";
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, settings);
        var id = await host.CreateRunnerAsync(Infrastructure.Runners.Single(new Uri("https://api.example.test/x")));

        using var response = await host.PostAsync($"api/runners/{id}/token", new { email = Recipient });

        await Json.ProblemAsync(response, HttpStatusCode.BadGateway);
        Assert.DoesNotContain(smtp.Commands, c => c.StartsWith("AUTH", StringComparison.Ordinal) || c.StartsWith("MAIL", StringComparison.Ordinal));
        Assert.Empty(smtp.Messages);
        Assert.Null(await host.Services.GetRequiredService<ITokenStore>().GetAsync(id));
        Assert.DoesNotContain("canary-smtp-password-7f7f", host.Logs.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(465, null, null, SecureSocketOptions.SslOnConnect)]
    [InlineData(465, null, "user", SecureSocketOptions.SslOnConnect)]
    [InlineData(465, true, null, SecureSocketOptions.SslOnConnect)]
    [InlineData(587, null, null, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(25, null, null, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(587, null, "user", SecureSocketOptions.StartTls)]
    [InlineData(587, true, null, SecureSocketOptions.StartTls)]
    [InlineData(25, false, "user", SecureSocketOptions.None)]
    [InlineData(465, false, null, SecureSocketOptions.None)]
    public void Security_FollowsPortTlsSettingAndLogin(int port, bool? enableSsl, string? username, SecureSocketOptions expected)
    {
        var options = new SmtpOptions { Host = "smtp.example.test", Port = port, EnableSsl = enableSsl, Username = username };

        Assert.Equal(expected, SmtpSecurity.For(options));
    }

    private static Dictionary<string, string?> SmtpSettings(LoopbackSmtpServer smtp) => new()
    {
        ["Smtp:PickupDirectory"] = "",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
    };
}
