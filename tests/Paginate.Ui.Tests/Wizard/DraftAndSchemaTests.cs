using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Wizard;

/// <summary>The wizard's draft in session storage, and its defaults read from the runner schema.</summary>
[Collection(StackCollection.Name)]
public sealed class DraftAndSchemaTests(PaginateStack stack)
{
    private const string TeamCanary = "draft-team-canary-61c0";

    [Fact]
    public async Task Draft_SurvivesReload_TestCredentialsAreNeverKept()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();
        await ui.Field("name").FillAsync("Draft contacts");
        await ui.Field("request.url").FillAsync(stack.Upstream.Url("/v1/contacts") + "?team={{team}}");
        await ui.Field("request.forward_headers").FillAsync("Authorization");
        await ui.Field("limits.max_pages").FillAsync("7");
        await ui.Button("Next: Test").ClickAsync();
        await ui.Page.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await ui.Page.GetByLabel("{{team}} value").FillAsync(TeamCanary);
        await ui.Page.WaitForFunctionAsync("() => (sessionStorage.getItem('paginate.wizardDraft') ?? '').includes('\"max_pages\":7')");

        await ui.Page.ReloadAsync();
        await Expect(ui.Main.GetByText("Restored the draft from this browser tab.")).ToBeVisibleAsync();
        await ui.Button("Configure").ClickAsync();
        await Expect(ui.Field("name")).ToHaveValueAsync("Draft contacts");
        await Expect(ui.Field("request.url")).ToHaveValueAsync(stack.Upstream.Url("/v1/contacts") + "?team={{team}}");
        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync("7");
        await ui.Button("Next: Test").ClickAsync();
        await Expect(ui.Page.GetByLabel("Authorization header value")).ToHaveValueAsync(string.Empty);
        await Expect(ui.Page.GetByLabel("{{team}} value")).ToHaveValueAsync(string.Empty);
        await ui.ScreenshotAsync("wizard-draft-restored");

        var kept = await ui.SessionStorageAsync();
        Assert.Contains("Draft contacts", kept, StringComparison.Ordinal);
        Assert.DoesNotContain(ContactsUpstream.Credential["Bearer ".Length..], kept, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamCanary, kept, StringComparison.Ordinal);

        // Discarding starts over with the schema's defaults.
        await ui.Button("Discard the draft").ClickAsync();
        await ui.Button("Configure").ClickAsync();
        await Expect(ui.Field("name")).ToHaveValueAsync(string.Empty);
        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync("50");
        Assert.DoesNotContain("Draft contacts", await ui.SessionStorageAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SafetyStep_DefaultsBoundsAndFleetFields_ComeFromTheSchema()
    {
        // Serve the real schema with other defaults and the fleet fields added: the form must follow it.
        var schema = await AdminArrange.GetJsonAsync(stack, "api/schema/runner");
        var limits = schema["$defs"]!["limits"]!["properties"]!.AsObject();
        limits["max_pages"]!["default"] = 7;
        limits["max_pages"]!["maximum"] = 900;
        limits["stop_on_repeated_page"] = new JsonObject { ["type"] = "boolean", ["default"] = true };
        limits["rate_limit"] = new JsonObject
        {
            ["type"] = new JsonArray("object", "null"),
            ["default"] = null,
            ["properties"] = new JsonObject
            {
                ["requests_per_second"] = new JsonObject { ["type"] = "number", ["minimum"] = 0.01, ["maximum"] = 10000 },
                ["burst"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 10000 },
                ["scope"] = new JsonObject { ["enum"] = new JsonArray("runner", "credential"), ["default"] = "runner" },
            },
        };
        schema["properties"]!["cache"] = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["ttl_seconds"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 3600, ["default"] = 0 } },
        };
        schema["$defs"]!["shape"]!["properties"]!["fields"]!["description"] = "select only: 'output_name:path' or 'output_name:path:string|number|integer|boolean' lines.";
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.Page.RouteAsync("**/api/schema/runner", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/schema+json", Body = schema.ToJsonString() }));
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();

        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync("7");
        await ui.Page.GetByRole(AriaRole.Radio, new() { Name = "Select fields", Exact = true }).CheckAsync();
        await Expect(ui.Main.GetByText("A line may end with a type, output_name:path:string, :number, :integer or :boolean")).ToBeVisibleAsync();
        await Expect(ui.Field("limits.max_pages")).ToHaveAttributeAsync("max", "900");
        await Expect(ui.Main.GetByText("A safety cap, not the number of pages to fetch. From 1 to 900. Default: 7.")).ToBeVisibleAsync();
        await Expect(ui.Page.GetByLabel("Stop when a page repeats")).ToBeCheckedAsync();
        await Expect(ui.Page.GetByLabel("Rate budget (requests per second)")).ToHaveAttributeAsync("max", "10000");
        await Expect(ui.Page.GetByLabel("Answer cache (seconds)")).ToHaveValueAsync("0");
        await Expect(ui.Main.GetByText("0 turns the cache off. From 0 to 3600. Default: 0.")).ToBeVisibleAsync();
        await ui.Page.GetByLabel("Rate budget (requests per second)").FillAsync("2.5");
        await ui.Page.GetByLabel("Rate budget shared by").SelectOptionAsync("credential");
        await ui.ScreenshotAsync("wizard-2-safety-fleet-fields");

        await ui.Field("name").FillAsync("Fleet draft");
        await ui.Field("request.url").FillAsync("https://api.example.test/v1/items");
        await ui.Button("Next: Test").ClickAsync();
        await ui.Button("Next: Review & Save").ClickAsync();
        var config = JsonNode.Parse(await ui.Page.Locator(".config-json").InnerTextAsync())!;
        Assert.Equal(2.5, config["limits"]!["rate_limit"]!["requests_per_second"]!.GetValue<double>());
        Assert.Equal("credential", config["limits"]!["rate_limit"]!["scope"]!.GetValue<string>());
        Assert.Equal(0, config["cache"]!["ttl_seconds"]!.GetValue<int>());
        await Expect(ui.Page.Locator("[data-summary=rate_budget]")).ToHaveTextAsync("2.5 requests/s, per credential");
    }

    [Fact]
    public async Task SafetyStep_FleetFieldsAbsentFromTheSchema_AreNotDrawn()
    {
        var schema = await AdminArrange.GetJsonAsync(stack, "api/schema/runner");
        schema["$defs"]!["limits"]!["properties"]!.AsObject().Remove("rate_limit");
        schema["$defs"]!["limits"]!["properties"]!.AsObject().Remove("stop_on_repeated_page");
        schema["properties"]!.AsObject().Remove("cache");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.Page.RouteAsync("**/api/schema/runner", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/schema+json", Body = schema.ToJsonString() }));
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();

        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync("50");
        await Expect(ui.Page.Locator("[data-field^=\"limits.rate_limit\"], [data-field=\"cache.ttl_seconds\"], [data-field=\"limits.stop_on_repeated_page\"]")).ToHaveCountAsync(0);
    }
}
