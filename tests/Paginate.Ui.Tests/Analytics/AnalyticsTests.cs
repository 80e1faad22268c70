using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Analytics;

[Collection(StackCollection.Name)]
public sealed class AnalyticsTests(PaginateStack stack)
{
    private const int LiveCalls = 3;

    [Fact]
    public async Task Analytics_AfterGatewayCalls_ShowsTotalsAndCharts()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts with traffic");
        using var gateway = new HttpClient { BaseAddress = stack.GatewayUrl };
        for (var i = 0; i < LiveCalls; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"r/{id}?team=green");
            request.Headers.TryAddWithoutValidation("Authorization", ContactsUpstream.Credential);
            using var response = await SendWhenPublishedAsync(gateway, request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"gateway call failed: {(int)response.StatusCode} {body}");
            Assert.Equal(ContactsUpstream.Pages * ContactsUpstream.PerPage, JsonNode.Parse(body)!["items"]!.AsArray().Count);
        }

        // Call records are written behind the answer; wait until the admin API counts them all.
        await WaitForCallsAsync(id, LiveCalls);

        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}/analytics");
        var totals = ui.Page.GetByLabel("Totals");
        // Lifetime totals are the default view (CONTRACT section 3, v2).
        await Expect(ui.Page.GetByLabel("Window")).ToHaveValueAsync("all");
        await Expect(totals).ToContainTextAsync($"Total calls{LiveCalls}");
        await Expect(totals).ToContainTextAsync($"Clay calls{LiveCalls}");
        await Expect(totals).ToContainTextAsync($"Items returned{LiveCalls * ContactsUpstream.Pages * ContactsUpstream.PerPage}");
        await Expect(totals).ToContainTextAsync("Avg pages3");
        await Expect(ui.Page.GetByRole(AriaRole.Img, new() { Name = "Status codes: HTTP 200 3" })).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("svg[role=img][aria-label^='Stop reasons']")).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("svg[role=img][aria-label^='Calls over time: 3 calls']")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "What analytics store" })).ToBeVisibleAsync();
        await ui.ScreenshotAsync("analytics");

        await ui.Page.GetByLabel("Window").SelectOptionAsync("24h");
        await Expect(ui.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("window=24h$"));
        await Expect(totals).ToContainTextAsync($"Total calls{LiveCalls}");

        // The home overview counts the same calls.
        await ui.Link("Runners").ClickAsync();
        await Expect(ui.Page.GetByLabel("Overview")).Not.ToContainTextAsync("Total calls0");
        await ui.ScreenshotAsync("home");
    }

    /// <summary>A new runner reaches every gateway within 2 s (CONTRACT §3): retry a 404 until it is there.</summary>
    private static async Task<HttpResponseMessage> SendWhenPublishedAsync(HttpClient gateway, HttpRequestMessage request)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            var response = await gateway.SendAsync(copy);
            if (response.StatusCode != System.Net.HttpStatusCode.NotFound || attempt >= 50)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100);
        }
    }

    private async Task WaitForCallsAsync(string id, int calls)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var analytics = await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/analytics?window=all");
            if (analytics["total_calls"]!.GetValue<long>() >= calls)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the admin API never counted {calls} calls for {id}");
    }
}
