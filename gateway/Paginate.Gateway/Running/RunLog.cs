using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Running;

/// <summary>Request logs name the runner, the route template and the outcome: never the query, headers or body.</summary>
internal static partial class RunLog
{
    /// <summary>
    /// One line per call, at <see cref="LogLevel.Debug"/> for a successful call and <see cref="LogLevel.Information"/>
    /// for any other: at the default level a failing call is logged and a successful one is not. Every call is in the
    /// call records and the metrics anyway, and formatting and writing a console line for each of thousands of calls
    /// a second cost the gateway about a seventh of its CPU per call (bench workload 8).
    /// </summary>
    public static void CallCompleted(ILogger logger, string route, string runnerId, string outcome, string stopReason, int pages, long items, int? upstreamStatus, long durationMs) =>
        CallCompleted(logger, outcome == Engine.Storage.CallRecord.SuccessOutcome ? LogLevel.Debug : LogLevel.Information, route, runnerId, outcome, stopReason, pages, items, upstreamStatus, durationMs);

    [LoggerMessage(EventId = 2001, Message = "{Route} runner {RunnerId}: {Outcome}, stop {StopReason}, {Pages} pages, {Items} items, upstream {UpstreamStatus}, {DurationMs} ms.")]
    private static partial void CallCompleted(ILogger logger, LogLevel level, string route, string runnerId, string outcome, string stopReason, int pages, long items, int? upstreamStatus, long durationMs);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Route}: access denied ({Reason}).")]
    public static partial void AccessDenied(ILogger logger, string route, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "{Route}: unknown runner.")]
    public static partial void UnknownRunner(ILogger logger, string route);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "{Route} runner {RunnerId}: missing placeholder {Placeholder}.")]
    public static partial void MissingPlaceholder(ILogger logger, string route, string runnerId, string placeholder);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "{Route} runner {RunnerId}: refused value of placeholder {Placeholder}.")]
    public static partial void InvalidPlaceholder(ILogger logger, string route, string runnerId, string placeholder);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "{Route} runner {RunnerId}: caller hung up after {DurationMs} ms.")]
    public static partial void ClientCancelled(ILogger logger, string route, string runnerId, long durationMs);

    // The exception's message and stack are left out on purpose: messages can quote URLs with placeholder values.
    [LoggerMessage(EventId = 2006, Level = LogLevel.Error, Message = "{Route} runner {RunnerId}: run failed with {ErrorType}.")]
    public static partial void RunFailed(ILogger logger, string route, string runnerId, string errorType);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "{Route} runner {RunnerId}: invalid request body.")]
    public static partial void InvalidBody(ILogger logger, string route, string runnerId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "{Route} runner {RunnerId}: its origin cluster is not loaded yet.")]
    public static partial void NoCluster(ILogger logger, string route, string runnerId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "{Route} runner {RunnerId}: refused, overloaded.")]
    public static partial void Overloaded(ILogger logger, string route, string runnerId);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "{Route} runner {RunnerId}: refused, shutting down.")]
    public static partial void Draining(ILogger logger, string route, string runnerId);
}
