using Microsoft.Playwright;
using Paginate.Ui.Tests.Browser;
using Paginate.Ui.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace Paginate.Ui.Tests.Home;

/// <summary>The home page's configurable links, and the admin UI's security headers under a real browser.</summary>
[Collection(StackCollection.Name)]
public sealed class HomeAndHeadersTests(PaginateStack stack)
{
    [Fact]
    public async Task Home_ShowsTheConfiguredAuditLinks_AndLeavesOutTheUnsetOne()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        await ui.SignInAsync();

        var links = ui.Page.Locator(".audit-links");
        await Expect(links).ToHaveTextAsync("This project is open source for auditability. Review the GitHub repository or security notes.");
        await Expect(ui.Link("the GitHub repository")).ToHaveAttributeAsync("href", PaginateStack.OpenSourceLink);
        await Expect(ui.Link("security notes")).ToHaveAttributeAsync("href", PaginateStack.SecurityNotesLink);
        await Expect(ui.Link("pagination engine")).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("home-audit-links");
    }

    [Fact]
    public async Task AdminUi_SendsSecurityHeaders_AndNoPageBreaksThePolicy()
    {
        await using var ui = await UiSession.OpenAsync(stack);
        var page = await ui.Page.GotoAsync("/");
        var headers = await page!.AllHeadersAsync();
        Assert.Equal("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("no-referrer", headers["referrer-policy"]);

        using (var api = await stack.AdminClient.GetAsync("api/runners"))
        {
            Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'none'", api.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        // Every screen under the policy: a blocked inline script, style or source shows as a console error.
        var id = await AdminArrange.CreateRunnerAsync(stack, "Contacts under the policy");
        await ui.Page.GetByLabel("Admin key").FillAsync(PaginateStack.AdminKey);
        await ui.Button("Continue").ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "API Pagination Runners" })).ToBeVisibleAsync();
        await ui.Link("Create New Runner").ClickAsync();
        await Expect(ui.Field("pasted_request")).ToBeVisibleAsync();
        await ui.Button("Skip: configure by hand").ClickAsync();
        await ui.Page.GotoAsync($"/runners/{id}");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Contacts under the policy", Level = 1 })).ToBeVisibleAsync();
        await ui.Page.GotoAsync($"/runners/{id}/analytics");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("[aria-busy=true]")).ToHaveCountAsync(0);

        Assert.Empty(ui.ConsoleErrors);
        Assert.Equal(0, await ui.Page.Locator("script:not([src]), style, [style]").CountAsync());
    }
}
