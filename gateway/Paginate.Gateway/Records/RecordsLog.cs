using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Records;

internal static partial class RecordsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "A batch of {Count} call records was not written ({ErrorType}); it is dropped.")]
    public static partial void WriteFailed(ILogger logger, int count, string errorType);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Shutdown ended before the call records were written; {Count} were still queued.")]
    public static partial void DrainCutShort(ILogger logger, int count);
}
