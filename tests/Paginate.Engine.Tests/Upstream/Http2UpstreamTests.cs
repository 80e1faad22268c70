using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>Pages go over HTTP/2 when a TLS upstream offers it by ALPN, and over HTTP/1.1 when it does not.</summary>
public sealed class Http2UpstreamTests
{
    [Theory]
    [InlineData(HttpProtocols.Http1AndHttp2, "HTTP/2")]
    [InlineData(HttpProtocols.Http1, "HTTP/1.1")]
    public async Task PagesAhead_UseTheProtocolTheUpstreamOffers(HttpProtocols offered, string expected)
    {
        var protocols = new ConcurrentBag<string>();
        using var certificate = SelfSigned();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = offered;
            listen.UseHttps(certificate);
        }));
        await using var app = builder.Build();
        app.MapGet("/p", (HttpContext ctx) =>
        {
            protocols.Add(ctx.Request.Protocol);
            var page = int.Parse(ctx.Request.Query["page"].ToString(), CultureInfo.InvariantCulture);
            return Respond(ctx, "{\"data\":" + Items(((page - 1) * 3) + 1, page < 5 ? 3 : 1) + "}");
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new() { Url = $"https://127.0.0.1:{port}/p" },
                Pagination = new() { Style = PaginationStyles.PageNumber, PageSize = 3 },
                Response = new() { ItemsPath = "data" },
                Limits = FastLimits with { MaxConcurrency = 3 },
            },
            handler: new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });

        Assert.Null(outcome.Result.ErrorCode);
        Assert.Equal(StopReasons.ShortPage, outcome.Result.StopReason);
        Assert.Equal(Enumerable.Range(1, 13).Select(n => $"i{n}"), outcome.Ids());
        Assert.Equal([expected], protocols.Distinct());
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
