using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Wizard;

/// <summary>Step 1, "Start from a request": a pasted curl command or HAR entry, read in the browser only.</summary>
[Collection(StackCollection.Name)]
public sealed class PasteRequestTests(PaginateStack stack)
{
    private const string HeaderCanary = "curl-canary-hdr-93b1f0";
    private const string QueryCanary = "qk9X2mL7pQ4rT8vW1yZ3bC6dF0gH5jK";
    private const string CookieCanary = "sess-canary-5d2e";

    /// <summary>Every request the page makes: method, URL and body, to prove what left the browser.</summary>
    private static List<string> RecordRequests(IPage page)
    {
        var seen = new List<string>();
        page.Request += (_, request) => seen.Add($"{request.Method} {request.Url} {request.PostData}");
        return seen;
    }

    [Fact]
    public async Task PastedCurl_FillsTheRequest_CredentialValuesNeverLeaveTheBrowserNorStay()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        var requests = RecordRequests(ui.Page);
        await ui.SignInAsync("/runners/new");
        var url = stack.Upstream.Url("/v1/contacts");
        var curl = $"curl '{url}?team=red&api_key={QueryCanary}' \\\n  -H 'Authorization: Bearer {HeaderCanary}' \\\n  -H 'Stripe-Version: 2024-06-20' \\\n  -H 'accept-encoding: gzip' -b 'session={CookieCanary}' --compressed";

        await ui.Page.GetByLabel("curl command or HAR entry").FillAsync(curl);
        await ui.Button("Fill from request").ClickAsync();
        var done = ui.Page.Locator(".paste-request .notice.success");
        await Expect(done).ToContainTextAsync("Forwarded headers (values dropped, Clay sends them at run time): Authorization, Cookie.");
        await Expect(done).ToContainTextAsync("{{api_key}}");
        await Expect(ui.Page.GetByLabel("curl command or HAR entry")).ToHaveValueAsync(string.Empty);
        await ui.ScreenshotAsync("wizard-1-pasted-curl");

        await ui.Button("Review in Configure").ClickAsync();
        await Expect(ui.Field("request.url")).ToHaveValueAsync($"{url}?team=red&api_key={{{{api_key}}}}");
        await Expect(ui.Field("request.forward_headers")).ToHaveValueAsync("Authorization\nCookie");
        await Expect(ui.Field("request.static_headers")).ToHaveValueAsync("Stripe-Version: 2024-06-20");

        // Then detection on it, with test values typed in step 3.
        await ui.Field("request.url").FillAsync($"{url}?team={{{{team}}}}");
        await ui.Button("Next: Test").ClickAsync();
        await ui.Page.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await ui.Page.GetByLabel("{{team}} value").FillAsync("red");
        await ui.Button("Detect pagination").ClickAsync();
        await Expect(ui.Page.Locator("ol.suggestions > li").First).ToContainTextAsync("items: data");

        var sent = string.Join('\n', requests);
        var kept = await ui.SessionStorageAsync();
        foreach (var canary in new[] { HeaderCanary, QueryCanary, CookieCanary })
        {
            Assert.DoesNotContain(canary, sent, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, kept, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, await ui.Page.ContentAsync(), StringComparison.Ordinal);
        }

        Assert.Contains("/api/runners/detect", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PastedHarEntry_FillsMethodUrlHeadersAndJsonBody_KeyInBodyBecomesPlaceholder()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        var requests = RecordRequests(ui.Page);
        await ui.SignInAsync("/runners/new");
        var har = new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["entries"] = new JsonArray(new JsonObject
                {
                    ["request"] = new JsonObject
                    {
                        ["method"] = "POST",
                        ["url"] = "https://api.example.test/graphql",
                        ["headers"] = new JsonArray(
                            new JsonObject { ["name"] = "X-Api-Key", ["value"] = HeaderCanary },
                            new JsonObject { ["name"] = "X-Team", ["value"] = "growth" },
                            new JsonObject { ["name"] = "Content-Type", ["value"] = "application/json" }),
                        ["postData"] = new JsonObject { ["text"] = $"{{\"query\":\"{{ items }}\",\"variables\":{{\"first\":50,\"apiToken\":\"{QueryCanary}\"}}}}" },
                    },
                }),
            },
        };

        await ui.Page.GetByLabel("curl command or HAR entry").FillAsync(har.ToJsonString());
        await ui.Button("Fill from request").ClickAsync();
        await ui.Button("Review in Configure").ClickAsync();

        await Expect(ui.Field("request.method")).ToHaveValueAsync("POST");
        await Expect(ui.Field("request.url")).ToHaveValueAsync("https://api.example.test/graphql");
        await Expect(ui.Field("request.forward_headers")).ToHaveValueAsync("X-Api-Key");
        await Expect(ui.Field("request.static_headers")).ToHaveValueAsync("X-Team: growth");
        var body = JsonNode.Parse(await ui.Field("request.body").InputValueAsync())!;
        Assert.Equal("{{apiToken}}", body["variables"]!["apiToken"]!.GetValue<string>());
        Assert.Equal(50, body["variables"]!["first"]!.GetValue<int>());

        Assert.DoesNotContain(requests, r => r.Contains(HeaderCanary, StringComparison.Ordinal) || r.Contains(QueryCanary, StringComparison.Ordinal));
        Assert.DoesNotContain(QueryCanary, await ui.SessionStorageAsync(), StringComparison.Ordinal);
    }
}
