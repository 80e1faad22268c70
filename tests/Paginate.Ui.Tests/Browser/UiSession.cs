using Microsoft.Playwright;
using Paginate.Ui.Tests.Stack;

namespace Paginate.Ui.Tests.Browser;

/// <summary>
/// One browser context (its own session storage) on the admin UI. Records page errors so a test fails on a
/// script error it would otherwise not notice.
/// </summary>
internal sealed class UiSession : IAsyncDisposable
{
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _consoleErrors = [];

    private UiSession(PaginateStack stack, IBrowserContext context, IPage page)
    {
        Stack = stack;
        Context = context;
        Page = page;
        page.PageError += (_, message) => _pageErrors.Add(message);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
    }

    public PaginateStack Stack { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Uncaught script errors seen so far.</summary>
    public IReadOnlyList<string> PageErrors => _pageErrors;

    /// <summary>Console errors seen so far (a Content-Security-Policy violation is one).</summary>
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    /// <summary>This tab's session storage as JSON text, to prove what a page kept.</summary>
    public Task<string> SessionStorageAsync() => Page.EvaluateAsync<string>("() => JSON.stringify(Object.assign({}, sessionStorage))");

    public static async Task<UiSession> OpenAsync(PaginateStack stack)
    {
        var context = await stack.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.AdminUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await context.NewPageAsync();
        return new UiSession(stack, context, page);
    }

    /// <summary>Opens a UI path and enters the admin key on the sign-in form.</summary>
    public async Task SignInAsync(string path = "/", string key = PaginateStack.AdminKey)
    {
        await Page.GotoAsync(path);
        await Page.GetByLabel("Admin key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue", Exact = true }).ClickAsync();
    }

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The screen's content (the live region outside it repeats announcements).</summary>
    public ILocator Main => Page.Locator("#main");

    public ILocator Textbox(string name) => Page.GetByRole(AriaRole.Textbox, new() { Name = name, Exact = true });

    public ILocator Link(string name) => Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The input (or group) holding a definition field, by its data-field path, on the visible screen.</summary>
    public ILocator Field(string path) => Page.Locator($"[data-field=\"{path}\"]:visible");

    /// <summary>
    /// Saves a screenshot to <c>artifacts/screenshots/{name}.png</c> at the repo root: the whole page, or only
    /// the viewport (a modal's backdrop covers the viewport only).
    /// </summary>
    public Task ScreenshotAsync(string name, bool fullPage = true) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, $"{name}.png"), FullPage = fullPage });

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        Assert.Empty(_pageErrors);
    }
}
