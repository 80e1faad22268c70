using System.Net;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Hosting;

/// <summary>runner_url (and the token mail) never come from the request's Host header outside Development.</summary>
[Collection(RedisCollection.Name)]
public sealed class PublicGatewayUrlTests(RedisFixture redis)
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task WithoutPublicGatewayUrl_OutsideDevelopment_StartFails_NamingTheKey(string environment)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
            {
                ["Admin:PublicGatewayUrl"] = null,
                ["environment"] = environment,
            });
        });

        Assert.Contains("Admin:PublicGatewayUrl is required", error.Message, StringComparison.Ordinal);
        Assert.Contains($"environment '{environment}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutPublicGatewayUrl_InDevelopment_RunnerUrlUsesTheRequestBase()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Admin:PublicGatewayUrl"] = null,
            ["environment"] = "Development",
        });

        using var response = await host.PostAsync("api/runners", Infrastructure.Runners.Single(upstream.Url("/customers")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync(response);
        var id = created.GetProperty("id").GetString();
        Assert.Equal($"{host.BaseUri.ToString().TrimEnd('/')}/r/{id}", created.GetProperty("runner_url").GetString());
    }

    [Fact]
    public async Task ConfiguredPublicGatewayUrl_IsTheBase_WhateverTheHostHeader()
    {
        await using var upstream = await PagedUpstream.StartAsync();
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/runners", UriKind.Relative));
        request.Headers.Host = "attacker.example.test";
        await host.CreateRunnerAsync(Infrastructure.Runners.Single(upstream.Url("/customers")));

        using var response = await host.Client.SendAsync(request);

        var list = await Json.ReadAsync(response);
        var urls = list.GetProperty("runners").EnumerateArray().Select(r => r.GetProperty("runner_url").GetString()!).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.StartsWith("https://gateway.example.test/r/", url, StringComparison.Ordinal));
    }
}
