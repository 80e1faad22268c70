using Paginate.DemoApi.Endpoints;

namespace Paginate.DemoApi;

/// <summary>
/// Builds the demo API. Public so the benchmarks can host it in-process on a loopback port.
/// </summary>
public static class DemoApiHost
{
    /// <summary>Creates the app; <paramref name="args"/> accepts the usual host arguments such as <c>--urls</c>.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        // Request logs would hold query strings; the demo has nothing worth logging per request.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/", () => Results.Text(Usage.Text));
        app.MapPageNumber();
        app.MapOffset();
        app.MapCursor();
        app.MapNextLink();
        app.MapLinkHeader();
        app.MapItems();
        app.MapGraphQl();
        return app;
    }
}
