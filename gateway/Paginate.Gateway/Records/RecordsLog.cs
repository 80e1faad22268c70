using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Records;

internal static partial class RecordsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Call record for runner {RunnerId} not written ({ErrorType}); it is dropped.")]
    public static partial void WriteFailed(ILogger logger, string runnerId, string errorType);
}
