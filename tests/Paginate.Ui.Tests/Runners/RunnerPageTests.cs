using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Runners;

[Collection(StackCollection.Name)]
public sealed partial class RunnerPageTests(PaginateStack stack)
{
    [Fact]
    public async Task RunnerPage_ShowsClayUrlLinksAndConfiguration()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts for the runner page");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}");

        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Contacts for the runner page", Level = 1 })).ToBeVisibleAsync();
        await Expect(ui.Textbox("Generated Runner URL")).ToHaveValueAsync($"{stack.GatewayUrl.ToString().TrimEnd('/')}/r/{id}");
        await Expect(ui.Textbox("Runner management link")).ToHaveValueAsync(new Regex($"/runners/{id}$"));
        await Expect(ui.Textbox("Analytics deep link")).ToHaveValueAsync(new Regex($"/runners/{id}/analytics$"));
        await Expect(ui.Main.GetByText("x-clay-paginate-token").First).ToBeVisibleAsync();
        var details = ui.Page.Locator("section", new() { Has = ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Configuration Details" }) });
        await Expect(details).ToContainTextAsync("meta.total_pages");
        await Expect(details).ToContainTextAsync("page_number");
        await Expect(details).ToContainTextAsync("Saved runners are immutable. Create a new runner for changes.");

        // "Create a new runner from this one" opens the wizard prefilled; the saved runner is untouched.
        await ui.Link("Create a new runner from this one").ClickAsync();
        await Expect(ui.Field("name")).ToHaveValueAsync("Contacts for the runner page (copy)");
        await Expect(ui.Field("pagination.total_pages_path")).ToHaveValueAsync("meta.total_pages");
        await Expect(ui.Main.GetByText($"Prefilled from runner {id}.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TokenModal_RegenerateConfirmed_MailsNewTokenAndNeverShowsIt()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts with a token");
        using (var first = await stack.AdminClient.PostAsJsonAsync($"api/runners/{id}/token", new { email = "owner@clay.com" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, first.StatusCode);
        }

        var mailsBefore = Directory.GetFiles(stack.PickupDirectory, "*.eml").Length;
        var rotationsBefore = (await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/token"))["rotations"]!.GetValue<int>();
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}");
        await Expect(ui.Page.Locator("[data-meta=token_status]")).ToHaveTextAsync("Active");
        await ui.ScreenshotAsync("runner-page");

        // The destructive action is only inside the modal; Escape closes it and focus returns to the opener.
        var open = ui.Button("Regenerate token…");
        await open.ClickAsync();
        var dialog = ui.Page.GetByRole(AriaRole.Dialog, new() { Name = "Regenerate runner token" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("The old token stops working at once on every gateway.");
        await Expect(dialog).ToContainTextAsync("fail with 401 until they are updated");
        await Expect(dialog.GetByLabel("Recipient email")).ToBeFocusedAsync();
        await ui.ScreenshotAsync("runner-token-modal", fullPage: false);
        await ui.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(open).ToBeFocusedAsync();

        // Tab stays inside the open modal.
        await open.ClickAsync();
        for (var i = 0; i < 4; i++)
        {
            await ui.Page.Keyboard.PressAsync("Tab");
            Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "focus left the modal");
        }

        // An address outside the allowed domains: the API's reason is shown at the email field.
        await dialog.GetByLabel("Recipient email").FillAsync("someone@example.test");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate and email token" }).ClickAsync();
        await Expect(dialog.Locator(".field-error[data-error-for=email]")).ToBeVisibleAsync();
        Assert.Equal(mailsBefore, Directory.GetFiles(stack.PickupDirectory, "*.eml").Length);

        await dialog.GetByLabel("Recipient email").FillAsync("owner@clay.com");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate and email token" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(ui.Main.GetByText("A new token was emailed to")).ToBeVisibleAsync();
        await Expect(ui.Page.Locator(".token-status")).ToContainTextAsync("Rotations");

        var mails = Directory.GetFiles(stack.PickupDirectory, "*.eml");
        Assert.Equal(mailsBefore + 1, mails.Length);
        var newest = mails.OrderBy(File.GetLastWriteTimeUtc).Last();
        var mail = (await File.ReadAllTextAsync(newest)).Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        var token = TokenPattern().Match(mail);
        Assert.True(token.Success, "the mail holds no token");
        Assert.DoesNotContain(token.Value, await ui.Page.ContentAsync(), StringComparison.Ordinal);
        var status = await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/token");
        Assert.Equal(rotationsBefore + 1, status["rotations"]!.GetValue<int>());
    }

    [Fact]
    public async Task UsageLog_PlainNoteListed_CredentialLookingNoteRefusedWithReason()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts with notes");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}");
        var note = ui.Page.GetByLabel("New usage note");
        var list = ui.Page.Locator(".note-list");

        await note.FillAsync("Used by the RevOps Accounts table since March");
        await ui.Button("Add note").ClickAsync();
        await Expect(list).ToContainTextAsync("Used by the RevOps Accounts table since March");
        await Expect(note).ToHaveValueAsync(string.Empty);

        const string Secret = "cpt_Zq3xV9bN2mK7pL4sT8wY1cR6dF5gH0jA2eU9iO3uQ7v";
        await note.FillAsync($"Signals table uses {Secret}");
        await ui.Button("Add note").ClickAsync();
        var error = ui.Page.Locator(".field-error[data-error-for=note]");
        await Expect(error).ToContainTextAsync("credential");
        await Expect(note).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(list).Not.ToContainTextAsync("Signals table uses");
        await ui.ScreenshotAsync("runner-usage-note-refused");

        var stored = await AdminArrange.GetJsonAsync(stack, $"api/runners/{id}/usage-notes");
        Assert.Single(stored["notes"]!.AsArray());
    }

    [GeneratedRegex("cpt_[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenPattern();
}
