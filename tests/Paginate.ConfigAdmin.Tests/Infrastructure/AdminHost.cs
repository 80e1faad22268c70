using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paginate.TestKit.Logging;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The real admin app on 127.0.0.1 port 0 (through <see cref="AdminApp.Build(string[])"/>'s seam), with a
/// pickup directory for mail in a temp folder and every log line captured. Stops when disposed.
/// </summary>
public sealed class AdminHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string SecondAdminKey = "second-admin-key-abcdef";

    private readonly WebApplication _app;

    private AdminHost(WebApplication app, CapturedLogs logs, string pickup, Uri baseUri)
    {
        _app = app;
        Logs = logs;
        PickupDirectory = pickup;
        BaseUri = baseUri;
        Client = NewClient(AdminKey);
        Anonymous = NewClient(null);
    }

    public Uri BaseUri { get; }

    /// <summary>A client sending the admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending no Authorization header.</summary>
    public HttpClient Anonymous { get; }

    public CapturedLogs Logs { get; }

    public string PickupDirectory { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app. <paramref name="settings"/> are extra configuration keys (<c>Smtp:Host</c> ...); by
    /// default private upstreams are allowed (the test upstreams are on loopback) and mail goes to a pickup folder.
    /// </summary>
    public static async Task<AdminHost> StartAsync(string redis, IDictionary<string, string?>? settings = null, bool withKeys = true)
    {
        var pickup = Path.Combine(Path.GetTempPath(), "paginate-mail-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(pickup);
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis,
            ["Kestrel:Endpoints:Public:Url"] = "http://127.0.0.1:0",
            ["Admin:PublicGatewayUrl"] = "https://gateway.example.test",
            ["Gateway:AllowPrivateUpstreams"] = "true",
            ["Smtp:PickupDirectory"] = pickup,
            ["Smtp:From"] = "paginate@clay.com",
        };
        if (withKeys)
        {
            config["Admin:ApiKeys:0"] = AdminKey;
            config["Admin:ApiKeys:1"] = SecondAdminKey;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var args = config.Where(c => c.Value is not null).Select(c => $"--{c.Key}={c.Value}").ToArray();
        var logs = new CapturedLogs();
        var app = AdminApp.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AdminHost(app, logs, pickup, new Uri(address.TrimEnd('/') + "/"));
    }

    public HttpClient NewClient(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>POSTs raw JSON text.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POSTs an object serialized as JSON.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object body) =>
        Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    /// <summary>Creates a runner and returns its id (asserting 201).</summary>
    public async Task<string> CreateRunnerAsync(object definition)
    {
        using var response = await PostAsync("api/runners", definition);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(PickupDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
