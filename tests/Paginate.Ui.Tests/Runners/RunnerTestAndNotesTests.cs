using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Runners;

/// <summary>The runner page's test action, its Response row, and the usage-note box's length.</summary>
[Collection(StackCollection.Name)]
public sealed class RunnerTestAndNotesTests(PaginateStack stack)
{
    [Fact]
    public async Task RunnerPage_TestThisRunner_RunsTheSavedRunner_AndDetailsHaveTheResponseRow()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts to test from the page");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}");

        var details = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Configuration Details" }) });
        await Expect(details.Locator("[data-summary=response]")).ToHaveTextAsync("JSON { items, meta }; each item holds id, email, company");

        await ui.Link("Test this runner").ClickAsync();
        var panel = ui.Page.Locator("#test-runner");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Test this runner" })).ToBeFocusedAsync();
        await panel.GetByLabel("Authorization header value").FillAsync(ContactsUpstream.Credential);
        await panel.GetByLabel("{{team}} value").FillAsync("green");
        await panel.GetByLabel("Pages to fetch in this test").FillAsync("2");
        await ui.Button("Run test").ClickAsync();

        await Expect(panel.Locator("table.rows-table tbody tr")).ToHaveCountAsync(2 * ContactsUpstream.PerPage);
        await Expect(panel.Locator("[data-meta=pages]")).ToHaveTextAsync("2");
        await Expect(panel.Locator("table.rows-table")).ToContainTextAsync("green company 1");
        await ui.ScreenshotAsync("runner-test-this-runner");

        // Only a test call record is kept: counts, never the values or rows.
        var analytics = await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/analytics");
        Assert.Equal(1, analytics["test_calls"]!.GetValue<int>());
        var stored = await RedisContents.DumpAsync(stack.RedisConnectionString);
        Assert.DoesNotContain("green company", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(ContactsUpstream.Credential["Bearer ".Length..], stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageNoteBox_TakesExactlyTheApisMaximum()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts with a long note");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}");
        var note = ui.Page.GetByLabel("New usage note");
        await Expect(note).ToHaveAttributeAsync("maxlength", "500");
        await Expect(ui.Main.GetByText("At most 500 characters.")).ToBeVisibleAsync();

        // Typing stops at 500; those 500 are accepted by the API (one more would be refused there).
        var words = string.Concat(Enumerable.Repeat("table ", 100));
        await note.PressSequentiallyAsync(words + "overflow", new() { Delay = 0 });
        Assert.Equal(500, (await note.InputValueAsync()).Length);
        await ui.Button("Add note").ClickAsync();
        await Expect(note).ToHaveValueAsync(string.Empty);

        var notes = (await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/usage-notes"))["notes"]!.AsArray();
        Assert.Equal(500, Assert.Single(notes)!["note"]!.GetValue<string>().Length);
        using var longer = await stack.AdminClient.PostAsync(
            $"api/runners/{id}/usage-notes",
            new StringContent(new JsonObject { ["note"] = new string('n', 501) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, longer.StatusCode);
    }
}
