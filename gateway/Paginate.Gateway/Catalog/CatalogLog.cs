using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Catalog;

internal static partial class CatalogLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Catalog loaded: version {Version}, {Runners} runners, {Added} new, {Tokens} tokens; fetched in {FetchMs} ms, compiled in {CompileMs} ms.")]
    public static partial void Loaded(ILogger logger, long version, int runners, int added, int tokens, long fetchMs, long compileMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Runner {RunnerId} does not compile and is skipped.")]
    public static partial void RunnerRejected(ILogger logger, string runnerId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Catalog refresh failed ({ErrorType}); serving the last good catalog (version {Version}).")]
    public static partial void RefreshFailed(ILogger logger, string errorType, long version);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Catalog refresh recovered at version {Version}.")]
    public static partial void Recovered(ILogger logger, long version);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Catalog change subscription failed ({ErrorType}); relying on the version poll until it succeeds.")]
    public static partial void SubscribeFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Runner {RunnerId} failed to load ({ErrorType}) and is skipped.")]
    public static partial void RunnerLoadFailed(ILogger logger, string runnerId, string errorType);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "The proxy did not apply the clusters of new upstream origins in time; their runners answer 503 until it does.")]
    public static partial void ClustersLate(ILogger logger);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Stored runner {RunnerId} could not be read ({ErrorType}) and is skipped.")]
    public static partial void RunnerUnreadable(ILogger logger, string runnerId, string errorType);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "{Count} stored runners could not be read in this refresh and are skipped; {Skipped} skipped in all.")]
    public static partial void RunnersSkipped(ILogger logger, int count, int skipped);
}
