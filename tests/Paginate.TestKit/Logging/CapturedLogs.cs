using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Paginate.TestKit.Logging;

/// <summary>
/// Captures every log line of an app at Trace level, formatted with its exception, structured values and
/// scopes: for tests that assert a secret appears in no log line.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public string All => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}";
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                text += " " + string.Join(", ", properties.Select(p => $"{p.Key}={p.Value}"));
            }

            lines.Enqueue(text);
        }
    }
}
