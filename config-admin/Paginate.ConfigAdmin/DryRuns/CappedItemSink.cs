using System.Text.Json;
using Paginate.Engine.Output;

namespace Paginate.ConfigAdmin.DryRuns;

/// <summary>
/// Collects a dry run's items in memory. After each page it checks the size; past the cap it asks the run
/// to stop (the caller cancels), so memory stays bounded by the cap plus one page.
/// </summary>
internal sealed class CappedItemSink : IResultSink, IDisposable
{
    private readonly MemoryStream _buffer = new();
    private readonly long _maxBytes;
    private readonly Action _onFull;

    public CappedItemSink(long maxBytes, Action onFull)
    {
        _maxBytes = maxBytes;
        _onFull = onFull;
        Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    public Utf8JsonWriter Writer { get; }

    public bool Started { get; private set; }

    public bool Full { get; private set; }

    public ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (!Started)
        {
            Started = true;
            Writer.WriteStartArray();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask PageCompletedAsync(CancellationToken cancellationToken)
    {
        Writer.Flush();
        if (!Full && _buffer.Length > _maxBytes)
        {
            Full = true;
            _onFull();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The first <paramref name="maxItems"/> items as a JSON array, and whether any were left out.</summary>
    public (JsonElement Items, bool Cut) TakeItems(int maxItems)
    {
        if (!Started)
        {
            return (Empty(), false);
        }

        Writer.WriteEndArray();
        Writer.Flush();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length));
        }
        catch (JsonException)
        {
            // A run stopped inside an item leaves the array unfinished: show nothing rather than half an item.
            return (Empty(), true);
        }

        using (document)
        {
            var count = document.RootElement.GetArrayLength();
            if (count <= maxItems)
            {
                return (document.RootElement.Clone(), Full);
            }

            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartArray();
                foreach (var item in document.RootElement.EnumerateArray().Take(maxItems))
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            return (JsonDocument.Parse(output.ToArray()).RootElement.Clone(), true);
        }
    }

    public void Dispose()
    {
        Writer.Dispose();
        _buffer.Dispose();
    }

    private static JsonElement Empty() => JsonDocument.Parse("[]").RootElement.Clone();
}
