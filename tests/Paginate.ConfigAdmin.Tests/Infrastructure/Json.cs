using System.Net;
using System.Text.Json;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>Reads answers and checks problem details.</summary>
public static class Json
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is RFC 9457 problem details; returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>The messages of <c>errors[field]</c>, asserting the field is there.</summary>
    public static string[] Errors(JsonElement problem, string field)
    {
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }
}
