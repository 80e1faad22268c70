using System.Text.Json;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Output;

/// <summary>
/// Writes <c>{ "items": [...], "meta": {...} }</c> to a stream as the run goes: the items array is
/// opened when page 1 succeeds and flushed after every page, so memory is bounded by one page.
/// </summary>
public sealed class JsonResultWriter : IResultSink, IAsyncDisposable
{
    private readonly Stream _output;
    private readonly Func<CancellationToken, ValueTask>? _onStart;
    private readonly PooledBufferWriter _buffer = new();

    /// <param name="output">The answer body.</param>
    /// <param name="onStart">Called once before the first byte is written (e.g. to set status and content type).</param>
    public JsonResultWriter(Stream output, Func<CancellationToken, ValueTask>? onStart = null)
    {
        _output = output;
        _onStart = onStart;
        Writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>True once <see cref="StartAsync"/> ran: the answer is committed to 200.</summary>
    public bool Started { get; private set; }

    public Utf8JsonWriter Writer { get; }

    public async ValueTask StartAsync(CancellationToken cancellationToken)
    {
        if (Started)
        {
            return;
        }

        Started = true;
        if (_onStart is not null)
        {
            await _onStart(cancellationToken).ConfigureAwait(false);
        }

        Writer.WriteStartObject();
        Writer.WritePropertyName("items"u8);
        Writer.WriteStartArray();
    }

    public async ValueTask PageCompletedAsync(CancellationToken cancellationToken)
    {
        Writer.Flush();
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the items array and writes <c>meta</c>. Opens the answer first when no page succeeded.</summary>
    public async Task CompleteAsync(string? runnerId, RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await StartAsync(cancellationToken).ConfigureAwait(false);
        Writer.WriteEndArray();
        Writer.WritePropertyName("meta"u8);
        WriteMeta(Writer, runnerId, result);
        Writer.WriteEndObject();
        await PageCompletedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the contract's <c>meta</c> object.</summary>
    public static void WriteMeta(Utf8JsonWriter writer, string? runnerId, RunResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        if (runnerId is null)
        {
            writer.WriteNull("runner_id"u8);
        }
        else
        {
            writer.WriteString("runner_id"u8, runnerId);
        }

        writer.WriteNumber("pages"u8, result.Pages);
        writer.WriteNumber("items"u8, result.Items);
        writer.WriteString("stop_reason"u8, result.StopReason);
        writer.WriteNumber("duration_ms"u8, result.DurationMs);
        writer.WriteNumber("retries"u8, result.Retries);
        if (result.UpstreamStatus is { } status)
        {
            writer.WriteNumber("upstream_status"u8, status);
        }
        else
        {
            writer.WriteNull("upstream_status"u8);
        }

        writer.WriteBoolean("partial"u8, result.Partial);
        if (result.ErrorCode is not null)
        {
            writer.WriteString("error_code"u8, result.ErrorCode);
        }

        // Only runners with typed select fields have it, so every v1 answer stays byte for byte the same.
        if (result.TypeErrors is { } typeErrors)
        {
            writer.WriteNumber("type_errors"u8, typeErrors);
        }

        if (result.RateWaitMs is { } rateWait)
        {
            writer.WriteNumber("rate_wait_ms"u8, rateWait);
        }

        if (result.Cache is not null)
        {
            writer.WriteString("cache"u8, result.Cache);
        }

        writer.WriteEndObject();
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        _buffer.Dispose();
    }
}
