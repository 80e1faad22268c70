using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Wizard;

[Collection(StackCollection.Name)]
public sealed class WizardTests(PaginateStack stack)
{
    /// <summary>A test query value: shown in the returned rows, never stored.</summary>
    private const string TeamCanary = "qv-canary-5e1d";

    private JsonObject AiAnswer(string name)
    {
        // What an AI returns for the contacts docs: the form must take these values and clear untouched defaults.
        var definition = AdminArrange.ContactsDefinition(stack, name);
        definition["limits"] = new JsonObject { ["max_pages"] = 10 };
        return definition;
    }

    [Fact]
    public async Task Wizard_PastedAiJson_TestRunShowsRowsThenSaveLocksRunner()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync();
        await ui.Link("Create New Runner").ClickAsync();

        // Step 1: prompt from the schema, then the AI's JSON.
        await ui.Page.GetByLabel("API documentation").FillAsync("GET /v1/contacts?team=...&page=n returns { data: [...], meta: { total_pages } }");
        await ui.Button("Generate prompt").ClickAsync();
        var prompt = ui.Page.GetByLabel("Prompt to copy into Claude, ChatGPT, or another AI");
        await Expect(prompt).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("JSON Schema of the answer:[\\s\\S]*GET /v1/contacts"));
        var schema = await AdminArrange.GetJsonAsync(stack, "api/schema/runner");
        var promptText = await prompt.InputValueAsync();
        Assert.All(schema.AsObject(), property => Assert.Contains($"\"{property.Key}\"", promptText, StringComparison.Ordinal));
        await ui.Page.GetByLabel("JSON returned by the AI").FillAsync(AiAnswer("Contacts by team").ToJsonString());
        await ui.Button("Apply to form").ClickAsync();
        await Expect(ui.Main.GetByText("Filled ")).ToBeVisibleAsync();
        await ui.ScreenshotAsync("wizard-1-ai-setup");

        // Step 2: the values it provided are filled; a default it did not provide is cleared.
        await ui.Button("Continue to Configure").ClickAsync();
        await Expect(ui.Field("request.url")).ToHaveValueAsync(stack.Upstream.Url("/v1/contacts") + "?team={{team}}");
        await Expect(ui.Field("pagination.total_pages_path")).ToHaveValueAsync("meta.total_pages");
        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync("10");
        await Expect(ui.Field("limits.max_retries")).ToHaveValueAsync(string.Empty);
        await Expect(ui.Page.GetByRole(AriaRole.Radio, new() { Name = "Page number", Exact = true })).ToBeCheckedAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Radio, new() { Name = "Select fields", Exact = true })).ToBeCheckedAsync();
        await ui.ScreenshotAsync("wizard-2-configure");

        // Step 3: a real dry run through the upstream with the test credential.
        await ui.Button("Next: Test").ClickAsync();
        await ui.Page.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await ui.Page.GetByLabel("{{team}} value").FillAsync(TeamCanary);
        await ui.Button("Run test").ClickAsync();
        var rows = ui.Page.Locator("table.rows-table");
        await Expect(rows).ToContainTextAsync("person15@example.test");
        await Expect(rows).ToContainTextAsync($"{TeamCanary} company 1");
        await Expect(rows.Locator("tbody tr")).ToHaveCountAsync(ContactsUpstream.Pages * ContactsUpstream.PerPage);
        await Expect(ui.Page.Locator("[data-meta=pages]")).ToHaveTextAsync("3");
        await Expect(ui.Page.Locator("table.trace-table tbody tr")).ToHaveCountAsync(3);
        await Expect(ui.Page.Locator("[data-meta=stop_reason]")).Not.ToHaveTextAsync("—");
        await ui.ScreenshotAsync("wizard-3-test");

        // Step 4: review and save; the wizard locks.
        await ui.Button("Next: Review & Save").ClickAsync();
        await Expect(ui.Page.Locator(".config-json")).ToContainTextAsync("\"total_pages_path\": \"meta.total_pages\"");
        await ui.Button("Save runner").ClickAsync();
        await Expect(ui.Main.GetByText("This runner is locked. Create a new runner for changes.").First).ToBeVisibleAsync();
        await ui.ScreenshotAsync("wizard-4-saved");
        // As the seed shows: the management and analytics links next to the runner URL, each with a copy button.
        await Expect(ui.Textbox("Runner management link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^http://127\\.0\\.0\\.1:\\d+/runners/[A-Za-z0-9_]+$"));
        await Expect(ui.Textbox("Analytics deep link")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/runners/[A-Za-z0-9_]+/analytics$"));
        await ui.Button("Copy Analytics deep link").ClickAsync();
        Assert.EndsWith("/analytics", await ui.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), StringComparison.Ordinal);
        await Expect(ui.Button("Copy Runner management link")).ToBeVisibleAsync();
        await ui.Button("Back: Test").ClickAsync();
        await Expect(ui.Button("Run test")).ToBeDisabledAsync();
        await ui.Button("Configure").ClickAsync();
        await Expect(ui.Field("request.url")).ToBeDisabledAsync();

        // Then the runner page of the saved runner.
        await ui.Button("Review & Save").ClickAsync();
        await ui.Link("Open the runner page").ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Contacts by team", Level = 1 })).ToBeVisibleAsync();
        await Expect(ui.Textbox("Generated Runner URL")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/r/[A-Za-z0-9_]+$"));

        // The test credential reached the upstream, and nothing of it reached Redis or the page.
        Assert.Contains(stack.Upstream.Requests, r => r.Header("Authorization") == ContactsUpstream.Credential);
        // Nor did the test query value or the returned rows (they hold the query value too).
        var stored = await RedisContents.DumpAsync(stack.RedisConnectionString);
        Assert.Contains("Contacts by team", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(ContactsUpstream.Credential["Bearer ".Length..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(TeamCanary, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("person15@example.test", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(ContactsUpstream.Credential["Bearer ".Length..], await ui.Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_PastedJsonWithUnknownField_AppliesTheRestAndListsWhatWasIgnored()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/runners/new");
        await ui.Page.GetByLabel("JSON returned by the AI").FillAsync(
            "{ \"name\": \"Partly known\", \"request\": { \"url\": \"https://api.example.test/x\", \"verb\": \"GET\" }, \"limits\": { \"max_pages\": \"many\", \"max_items\": 40 } }");
        await ui.Button("Apply to form").ClickAsync();
        var applied = ui.Page.Locator(".notice.success:visible");
        await Expect(applied).ToContainTextAsync("Filled 3 values from the AI answer");
        await Expect(applied.Locator(".ignored-list li")).ToHaveTextAsync(["Unknown field: request.verb.", "limits.max_pages must be a whole number."]);
        await ui.ScreenshotAsync("wizard-1-ai-partly-applied");

        // What was valid is in the form; untouched defaults the answer did not give are cleared as before.
        await ui.Button("Continue to Configure").ClickAsync();
        await Expect(ui.Field("name")).ToHaveValueAsync("Partly known");
        await Expect(ui.Field("request.url")).ToHaveValueAsync("https://api.example.test/x");
        await Expect(ui.Field("limits.max_items")).ToHaveValueAsync("40");
        await Expect(ui.Field("limits.max_pages")).ToHaveValueAsync(string.Empty);

        await ui.Button("AI Setup").ClickAsync();
        await ui.Page.GetByLabel("JSON returned by the AI").FillAsync("{ not json");
        await ui.Button("Apply to form").ClickAsync();
        await Expect(ui.Page.Locator(".field-error[data-error-for=ai_json]")).ToContainTextAsync("Invalid JSON");

        await ui.Page.GetByLabel("JSON returned by the AI").FillAsync("{ \"verb\": \"GET\" }");
        await ui.Button("Apply to form").ClickAsync();
        await Expect(ui.Page.Locator(".field-error[data-error-for=ai_json]")).ToContainTextAsync("Unknown field: verb.");
        await Expect(ui.Main.GetByText("Nothing in the answer fits the form. Nothing was applied.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wizard_SaveWithMissingCursorParam_ShowsApiErrorAtThatField()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();
        await ui.Field("name").FillAsync("Half-configured cursor runner");
        await ui.Field("request.url").FillAsync("https://api.example.test/v1/items");
        await ui.Page.GetByRole(AriaRole.Radio, new() { Name = "Cursor", Exact = true }).CheckAsync();
        await ui.Field("pagination.cursor_path").FillAsync("meta.next_cursor");
        await ui.Field("response.items_path").FillAsync("data");

        await ui.Button("Next: Test").ClickAsync();
        await ui.Button("Next: Review & Save").ClickAsync();
        await ui.Button("Save runner").ClickAsync();

        // The API's problem details name pagination.cursor_param; the message sits next to that field.
        var summary = ui.Page.Locator(".step-panel.active .action-message");
        await Expect(summary).ToContainTextAsync("pagination.cursor_param");
        await Expect(ui.Page.Locator("button.step.has-error")).ToContainTextAsync("Configure");
        await summary.GetByRole(AriaRole.Button, new() { Name = "pagination.cursor_param" }).ClickAsync();
        var field = ui.Page.Locator("fieldset[data-field=\"pagination.cursor_param\"]");
        await Expect(field).ToBeVisibleAsync();
        await Expect(field.Locator(".field-error")).ToBeVisibleAsync();
        var name = ui.Field("pagination.cursor_param.name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToBeFocusedAsync();
        await ui.ScreenshotAsync("wizard-2-validation-error");
        var list = await AdminArrange.GetJsonAsync(stack, "api/runners");
        Assert.DoesNotContain("Half-configured cursor runner", list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wizard_ScriptStyle_CheckScriptShowsCompileErrorAtScriptThenAcceptsFix()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();
        await ui.Field("name").FillAsync("Scripted contacts");
        await ui.Field("request.url").FillAsync(stack.Upstream.Url("/v1/contacts") + "?team={{team}}");
        await ui.Field("response.items_path").FillAsync("data");
        await ui.Page.GetByRole(AriaRole.Radio, new() { Name = "Script", Exact = true }).CheckAsync();

        var script = ui.Field("pagination.script");
        await script.FillAsync("var page = @pager.pageCount(\nrequest.query.put(\"page\", page + 1);");
        await ui.Button("Check script").ClickAsync();
        var error = ui.Page.Locator(".field-error[data-error-for=\"pagination.script\"]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync(new System.Text.RegularExpressions.Regex("line 1|1:|line"));
        await Expect(script).ToHaveAttributeAsync("aria-invalid", "true");
        await ui.ScreenshotAsync("wizard-2-script-error");

        await script.FillAsync("var page = @pager.pageCount();\n@pager.stop(page >= @response.body.get(\"/meta/total_pages\"));\n@request.query.put(\"page\", page + 1);");
        await ui.Button("Check script").ClickAsync();
        await Expect(error).ToBeHiddenAsync();
        await Expect(ui.Main.GetByText(new System.Text.RegularExpressions.Regex("compile without errors|No compile errors"))).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wizard_DetectPagination_AppliedSuggestionFillsPaginationAndItemsPath()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/runners/new");
        await ui.Button("Skip: configure by hand").ClickAsync();
        await ui.Field("name").FillAsync("Detected contacts");
        await ui.Field("request.url").FillAsync(stack.Upstream.Url("/v1/contacts") + "?team={{team}}");
        await ui.Field("request.forward_headers").FillAsync("Authorization");

        await ui.Button("Next: Test").ClickAsync();
        await ui.Page.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await ui.Page.GetByLabel("{{team}} value").FillAsync("red");
        await ui.Button("Detect pagination").ClickAsync();
        var first = ui.Page.Locator("ol.suggestions > li").First;
        await Expect(first).ToContainTextAsync("items: data");
        var style = (await first.Locator(".suggestion-head strong").InnerTextAsync()).Trim();
        await first.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = false }).ClickAsync();

        await ui.Button("Configure").ClickAsync();
        await Expect(ui.Field("response.items_path")).ToHaveValueAsync("data");
        await Expect(ui.Page.Locator($"input[type=radio][value=\"{style}\"]")).ToBeCheckedAsync();
    }
}
