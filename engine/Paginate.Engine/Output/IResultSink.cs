using System.Text.Json;

namespace Paginate.Engine.Output;

/// <summary>
/// Where a run writes its items. The loop calls <see cref="StartAsync"/> once page 1 has succeeded,
/// writes each item as one JSON value to <see cref="Writer"/>, and calls <see cref="PageCompletedAsync"/>
/// after each page so the host can flush: memory stays bounded by one page.
/// </summary>
public interface IResultSink
{
    /// <summary>Page 1 succeeded: send status and headers, open the items array.</summary>
    ValueTask StartAsync(CancellationToken cancellationToken);

    /// <summary>The writer each item is written to, as one JSON value inside the items array.</summary>
    Utf8JsonWriter Writer { get; }

    /// <summary>A page's items are written: flush them.</summary>
    ValueTask PageCompletedAsync(CancellationToken cancellationToken);
}
