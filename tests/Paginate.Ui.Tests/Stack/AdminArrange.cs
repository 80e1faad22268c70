using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Paginate.Ui.Tests.Stack;

/// <summary>Admin API calls that set the scene for a browser test (the browser does what the test is about).</summary>
internal static class AdminArrange
{
    /// <summary>A page-number runner over the contacts upstream, forwarding Authorization, <c>{{team}}</c> in the URL.</summary>
    public static JsonObject ContactsDefinition(PaginateStack stack, string name) => new()
    {
        ["name"] = name,
        ["request"] = new JsonObject
        {
            ["method"] = "GET",
            ["url"] = stack.Upstream.Url("/v1/contacts").ToString() + "?team={{team}}",
            ["forward_headers"] = new JsonArray("Authorization"),
        },
        ["pagination"] = new JsonObject
        {
            ["style"] = "page_number",
            ["page_param"] = new JsonObject { ["in"] = "query", ["name"] = "page" },
            ["total_pages_path"] = "meta.total_pages",
        },
        ["response"] = new JsonObject { ["items_path"] = "data" },
        ["shape"] = new JsonObject { ["mode"] = "select", ["fields"] = new JsonArray("id:id", "email:email", "company:company.name") },
        ["limits"] = new JsonObject { ["max_pages"] = 10 },
    };

    /// <summary>Saves a runner through the API; returns its id.</summary>
    public static async Task<string> CreateRunnerAsync(PaginateStack stack, string name)
    {
        using var response = await stack.AdminClient.PostAsJsonAsync("api/runners", ContactsDefinition(stack, name));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating the runner failed: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<string>();
    }

    public static async Task<JsonNode> GetJsonAsync(PaginateStack stack, string path)
    {
        var body = await stack.AdminClient.GetStringAsync(path);
        return JsonNode.Parse(body)!;
    }
}
