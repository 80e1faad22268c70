using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Circuits;

/// <summary>
/// Circuit changes. The origin is left out on purpose: a runner's URL is customer configuration, and the
/// count of open circuits is on <c>paginate_circuits_open</c>.
/// </summary>
internal static partial class CircuitLog
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "An upstream origin failed repeatedly: its calls are refused for {CoolDownSeconds} s, then one probe call is let through")]
    public static partial void Opened(ILogger logger, int coolDownSeconds);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "An upstream origin answered again: its calls are served")]
    public static partial void Closed(ILogger logger);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "{Route} runner {RunnerId}: refused, its upstream origin's circuit is open.")]
    public static partial void Refused(ILogger logger, string route, string runnerId);
}
