using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Paginate.ConfigAdmin.Tests.Infrastructure;
using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Hosting;

[Collection(RedisCollection.Name)]
public sealed class OpenApiTests(RedisFixture redis)
{
    [Fact]
    public async Task Document_ListsEveryApiEndpoint_WithTheBearerScheme()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.Anonymous.GetAsync(new Uri("openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await Json.ReadAsync(response);
        var paths = document.GetProperty("paths");

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(endpoints.Count >= 14);
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            Assert.True(paths.TryGetProperty(path, out var operations), $"{path} is not documented");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(operations.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {path} is not documented");
            }
        }

        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("admin_key").GetProperty("scheme").GetString());
        var create = paths.GetProperty("/api/runners").GetProperty("post");
        Assert.True(create.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(create.TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task SchemaEndpoint_ServesTheRunnerJsonSchema()
    {
        await using var host = await AdminHost.StartAsync(redis.ConnectionString);
        using var response = await host.Client.GetAsync(new Uri("api/schema/runner", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType?.MediaType);
        var schema = await Json.ReadAsync(response);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Equal(JsonValueKind.Object, schema.GetProperty("properties").GetProperty("request").ValueKind);
    }
}
