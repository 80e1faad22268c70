using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Logging;

/// <summary>
/// A logger factory that gives the categories whose messages quote URLs or headers a logger that drops every
/// entry below <see cref="LogLevel.Warning"/>, independent of filter rules and providers.
/// </summary>
internal sealed class QuietLoggerFactory : ILoggerFactory
{
    /// <summary>Categories (and their sub-categories) that log request targets, query strings or headers.</summary>
    private static readonly string[] QuietCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.W3CLogging",
        "Yarp",
        "System.Net.Http.HttpClient",
    ];

    private readonly ILoggerFactory _inner;

    public QuietLoggerFactory(ILoggerFactory inner) => _inner = inner;

    public static bool IsQuiet(string category) =>
        QuietCategories.Any(quiet => category.StartsWith(quiet, StringComparison.Ordinal)
            && (category.Length == quiet.Length || category[quiet.Length] == '.'));

    public ILogger CreateLogger(string categoryName)
    {
        var logger = _inner.CreateLogger(categoryName);
        return IsQuiet(categoryName) ? new WarningAndAboveLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();
}
