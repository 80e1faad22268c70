using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.SignIn;

[Collection(StackCollection.Name)]
public sealed class SignInTests(PaginateStack stack)
{
    [Fact]
    public async Task SignIn_WrongKey_ShowsUnauthorizedMessageAndAsksAgain()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync("/", "not-the-admin-key");
        await Expect(ui.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The admin key was not accepted (401)" })).ToBeVisibleAsync();
        await Expect(ui.Page.GetByLabel("Admin key")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(await ui.Page.EvaluateAsync<string?>("() => sessionStorage.getItem('paginate.adminKey')"));

        await ui.Page.GetByLabel("Admin key").FillAsync(PaginateStack.AdminKey);
        await ui.Button("Continue").ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "API Pagination Runners" })).ToBeVisibleAsync();
        await Expect(ui.Link("Create New Runner")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task DeepLink_RunnerPath_ServedByTheUiAfterSignIn()
    {
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts by deep link");
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync($"/runners/{id}/analytics");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Runner analytics: Contacts by deep link" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Keyboard_SignInAndOpenWizard_WithVisibleFocus()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.Page.GotoAsync("/");
        await Expect(ui.Page.GetByLabel("Admin key")).ToBeFocusedAsync();
        await ui.Page.Keyboard.TypeAsync(PaginateStack.AdminKey);
        await ui.Page.Keyboard.PressAsync("Enter");
        await Expect(ui.Link("Create New Runner")).ToBeVisibleAsync();

        var reached = false;
        for (var i = 0; i < 20 && !reached; i++)
        {
            await ui.Page.Keyboard.PressAsync("Tab");
            reached = await ui.Page.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'Create New Runner'");
        }

        Assert.True(reached, "Tab never reached the Create New Runner link");
        var outline = await ui.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        await ui.Page.Keyboard.PressAsync("Enter");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Create New Runner", Level = 1 })).ToBeFocusedAsync();
    }
}
