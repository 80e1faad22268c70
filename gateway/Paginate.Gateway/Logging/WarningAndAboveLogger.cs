using Microsoft.Extensions.Logging;

namespace Paginate.Gateway.Logging;

/// <summary>Passes entries of <see cref="LogLevel.Warning"/> and above to the inner logger; drops the rest.</summary>
internal sealed class WarningAndAboveLogger : ILogger
{
    private readonly ILogger _inner;

    public WarningAndAboveLogger(ILogger inner) => _inner = inner;

    // Scopes carry the request path and id only (no query), and other categories' entries rely on them.
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            _inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
