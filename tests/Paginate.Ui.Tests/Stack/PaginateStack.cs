using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using Paginate.ConfigAdmin;
using Paginate.Gateway;
using Paginate.Gateway.Hosting;
using Paginate.TestKit.Redis;
using Paginate.TestKit.Upstream;

namespace Paginate.Ui.Tests.Stack;

/// <summary>
/// Everything the browser tests drive, started in-process on loopback port 0: a real redis-server, the
/// contacts upstream, the gateway, config-admin serving the web UI from the source tree, and headless
/// Debian chromium. One stack per test collection; every part stops when the collection ends.
/// </summary>
public sealed class PaginateStack : IAsyncLifetime
{
    public const string AdminKey = "ui-test-admin-key-4d1c0b7e";

    /// <summary>The home page's repository link (Admin:Links:OpenSource); the engine link is left unset on purpose.</summary>
    public const string OpenSourceLink = "https://github.com/example/paginate";

    /// <summary>The home page's security notes link (Admin:Links:SecurityNotes).</summary>
    public const string SecurityNotesLink = "https://github.com/example/paginate/blob/main/SECURITY.md";

    private RedisServer? _redis;
    private LoopbackUpstream? _upstream;
    private WebApplication? _gateway;
    private WebApplication? _admin;
    private IPlaywright? _playwright;

    public Uri AdminUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public LoopbackUpstream Upstream => _upstream ?? throw new InvalidOperationException("stack not started");

    public string RedisConnectionString => _redis?.ConnectionString ?? throw new InvalidOperationException("stack not started");

    /// <summary>Where config-admin writes token mails as <c>.eml</c> files.</summary>
    public string PickupDirectory { get; } = Directory.CreateTempSubdirectory("paginate-ui-mail-").FullName;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>An admin API client (bearer key set) for arranging state the test is not about.</summary>
    public HttpClient AdminClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _upstream = await ContactsUpstream.StartAsync();

        _gateway = GatewayApp.Build(
        [
            $"--ConnectionStrings:Redis={_redis.ConnectionString}",
            "--Kestrel:Endpoints:Public:Url=http://127.0.0.1:0",
            "--Kestrel:Endpoints:Management:Url=http://127.0.0.1:0",
            "--Gateway:AllowedNetworks:0=127.0.0.1/32",
            "--Gateway:AllowPrivateUpstreams=true",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _gateway.StartAsync();
        GatewayUrl = _gateway.Services.GetRequiredService<Listeners>().PublicUrl
            ?? throw new InvalidOperationException("the gateway's public listener did not report its address");

        _admin = AdminApp.Build(
        [
            $"--contentRoot={RepoPaths.ConfigAdminProject}",
            $"--ConnectionStrings:Redis={_redis.ConnectionString}",
            "--Kestrel:Endpoints:Public:Url=http://127.0.0.1:0",
            $"--Admin:ApiKeys:0={AdminKey}",
            $"--Admin:PublicGatewayUrl={GatewayUrl.ToString().TrimEnd('/')}",
            "--Gateway:AllowPrivateUpstreams=true",
            $"--Smtp:PickupDirectory={PickupDirectory}",
            "--Smtp:From=paginate@example.test",
            $"--Admin:Links:OpenSource={OpenSourceLink}",
            $"--Admin:Links:SecurityNotes={SecurityNotesLink}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _admin.StartAsync();
        var address = _admin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        AdminUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");

        AdminClient = new HttpClient { BaseAddress = AdminUrl };
        AdminClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);

        // Debian's chromium is used as is; Playwright never downloads a browser here.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Assertions.SetDefaultExpectTimeout(20_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        AdminClient?.Dispose();
        if (_admin is not null)
        {
            await _admin.StopAsync();
            await _admin.DisposeAsync();
        }

        if (_gateway is not null)
        {
            await _gateway.StopAsync();
            await _gateway.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        try
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A mail file still open by the OS: the temp folder is cleaned up later anyway.
        }
    }
}
