using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Analytics;
using Paginate.ConfigAdmin.ApiReference;
using Paginate.ConfigAdmin.Auth;
using Paginate.ConfigAdmin.Detection;
using Paginate.ConfigAdmin.DryRuns;
using Paginate.ConfigAdmin.Health;
using Paginate.ConfigAdmin.Hosting;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Notes;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.RateLimiting;
using Paginate.ConfigAdmin.Runners;
using Paginate.ConfigAdmin.Schema;
using Paginate.ConfigAdmin.Storage;
using Paginate.ConfigAdmin.Tokens;
using Paginate.ConfigAdmin.Ui;

namespace Paginate.ConfigAdmin;

/// <summary>The config-admin host: the admin API under <c>/api</c> and the web UI at <c>/</c>.</summary>
public static partial class AdminApp
{
    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <summary>As <see cref="Build(string[])"/>, with a hook to adjust the builder (e.g. logging) before it is built.</summary>
    internal static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Request logs would print paths and query strings; the API logs its own safe lines instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Result", LogLevel.Warning);

        builder.Services.AddAdminOptions();
        builder.Services.AddAdminJson();
        builder.Services.AddAdminProblemDetails();
        builder.Services.AddAdminAuth();
        builder.Services.AddAdminStorage(builder.Configuration);
        builder.Services.AddAdminFeatures();
        builder.Services.AddAdminOpenApi();
        builder.Services.AddAdminHealth();
        builder.Services.AddAdminRateLimiting();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseAdminProblemDetails();
        app.UseAdminUi();
        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: a call without a valid key is refused before it can spend a key's allowance.
        app.UseRateLimiter();

        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api").RequireAuthorization(AuthSetup.AdminPolicy).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapRunners();
        // Rate limits are set here, on groups without a prefix, so the feature files stay unaware of them.
        api.MapGroup(string.Empty).RequireRateLimiting(AdminRateLimiting.DryRunPolicy).MapDryRuns();
        api.MapGroup(string.Empty).RequireRateLimiting(AdminRateLimiting.DetectionPolicy).MapDetection();
        api.MapSchema();
        api.MapTokens();
        api.MapUsageNotes();
        api.MapAnalytics();
        app.MapApiReference();
        app.MapAdminUiFallback();

        if (!app.Services.GetRequiredService<AdminKeyMatcher>().HasKeys)
        {
            LogNoAdminKeys(app.Logger);
        }

        return app;
    }

    private static IServiceCollection AddAdminOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddOptions<UpstreamPolicyOptions>().BindConfiguration(UpstreamPolicyOptions.Section).ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => o.Port is > 0 and <= 65535, "Smtp:Port must be 1..65535.")
            .ValidateOnStart();
        return services;
    }

    private static IServiceCollection AddAdminFeatures(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PublicUrls>();
        services.AddSingleton<RunnerCompilation>();
        services.AddSingleton<RunnerPublisher>();
        services.AddSingleton<Upstream.GuardedUpstreamClient>();
        services.AddSingleton<DryRunner>();
        services.AddSingleton<FirstPageFetcher>();
        services.AddSingleton<TokenEmailPolicy>();
        services.AddSingleton<TokenMailer>();
        return services;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "No admin keys are configured (Admin:ApiKeys): every /api call will be refused with 401")]
    private static partial void LogNoAdminKeys(ILogger logger);
}
