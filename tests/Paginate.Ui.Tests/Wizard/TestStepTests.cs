using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Wizard;

/// <summary>Step 3: the page cap agrees with the API, the raw JSON view, script logs and script errors.</summary>
[Collection(StackCollection.Name)]
public sealed class TestStepTests(PaginateStack stack)
{
    private const string PagesError = "must be a whole number from 1 to 50; leave it out to use the runner's max pages.";

    private const string Script = "var page = @pager.pageCount();\n@log(\"page\", page, \"of\", @response.body.get(\"/meta/total_pages\"));\nvar boom = 1 / (2 - page);\n@request.query.put(\"page\", page + 1);";

    /// <summary>Opens the wizard, applies a definition as an AI answer and goes to step 3 with the test values filled.</summary>
    private static async Task OpenTestStepAsync(UiSession ui, JsonObject definition)
    {
        await ui.SignInAsync("/runners/new");
        await ui.Page.GetByLabel("JSON returned by the AI").FillAsync(definition.ToJsonString());
        await ui.Button("Apply to form").ClickAsync();
        await ui.Button("Continue to Configure").ClickAsync();
        await ui.Button("Next: Test").ClickAsync();
        await ui.Page.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await ui.Page.GetByLabel("{{team}} value").FillAsync("blue-team");
    }

    [Fact]
    public async Task Pages_Above50_RefusedInTheApisWords_EmptyUsesRunnersMaxPages_RawJsonView()
    {
        var definition = AdminArrange.ContactsDefinition(stack, "Capped contacts");
        definition["limits"] = new JsonObject { ["max_pages"] = 2 };
        await using var ui = await UiSession.OpenAsync(stack);
        await OpenTestStepAsync(ui, definition);
        var pages = ui.Page.GetByLabel("Pages to fetch in this test");
        await Expect(pages).ToHaveAttributeAsync("max", "50");

        await pages.FillAsync("51");
        await ui.Button("Run test").ClickAsync();
        await Expect(ui.Page.Locator(".field-error[data-error-for=max_pages]")).ToHaveTextAsync("Pages to fetch in this test " + PagesError);

        // The API refuses the same number with the same words.
        using (var api = await stack.AdminClient.PostAsJsonAsync("api/runners/test", new { config = definition, max_pages = 51 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
            var problem = JsonNode.Parse(await api.Content.ReadAsStringAsync())!;
            Assert.Equal(PagesError, problem["errors"]!["max_pages"]![0]!.GetValue<string>());
        }

        // Empty: the runner's own max_pages (2), not a fixed number.
        await pages.FillAsync(string.Empty);
        await ui.Button("Run test").ClickAsync();
        await Expect(ui.Page.Locator("[data-meta=pages]")).ToHaveTextAsync("2");
        await Expect(ui.Page.Locator("[data-meta=stop_reason]")).ToHaveTextAsync("max_pages");
        await Expect(ui.Page.Locator(".field-error[data-error-for=max_pages]")).ToHaveCountAsync(0);

        await ui.Button("Raw JSON").ClickAsync();
        var raw = ui.Page.GetByLabel("Test result as JSON");
        await Expect(raw).ToBeVisibleAsync();
        await Expect(raw).ToContainTextAsync("\"stop_reason\": \"max_pages\"");
        await Expect(ui.Page.Locator("table.rows-table")).ToBeHiddenAsync();
        await ui.ScreenshotAsync("wizard-3-test-raw-json");
        await ui.Button("Table").ClickAsync();
        await Expect(ui.Page.Locator("table.rows-table tbody tr")).ToHaveCountAsync(2 * ContactsUpstream.PerPage);
    }

    [Fact]
    public async Task Script_LogsShowPerPage_RuntimeErrorShownWithPositionAtTheEditor()
    {
        var definition = AdminArrange.ContactsDefinition(stack, "Scripted contacts");
        definition["pagination"] = new JsonObject { ["style"] = "script", ["script"] = Script };
        await using var ui = await UiSession.OpenAsync(stack);
        await OpenTestStepAsync(ui, definition);

        await ui.Button("Run test").ClickAsync();
        var trace = ui.Page.Locator("table.trace-table");
        await Expect(trace.Locator("thead")).ToContainTextAsync("Script log");
        await Expect(trace.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(trace.Locator("tbody tr").Nth(0).Locator(".log-lines li")).ToHaveTextAsync(["page 1 of 3"]);
        await Expect(trace.Locator("tbody tr").Nth(1).Locator(".log-lines li")).ToHaveTextAsync(["page 2 of 3"]);
        await Expect(ui.Page.Locator(".test-error")).ToContainTextAsync("line 3, column 14: division by zero");
        await ui.ScreenshotAsync("wizard-3-script-log-and-error");

        // Next to the editor: the same message, and a button that puts the caret at the position.
        await ui.Button("Show in the script editor").ClickAsync();
        var atEditor = ui.Page.Locator(".script-run-error");
        await Expect(atEditor).ToContainTextAsync("line 3, column 14: division by zero");
        var script = ui.Field("pagination.script");
        await Expect(script).ToBeFocusedAsync();
        var expected = Script.Split('\n')[0].Length + 1 + Script.Split('\n')[1].Length + 1 + 13;
        Assert.Equal(expected, await script.EvaluateAsync<int>("t => t.selectionStart"));
        await ui.ScreenshotAsync("wizard-2-script-run-error");
    }
}
