using System.Text.Json;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Output;

/// <summary>
/// Writes <c>{ "items": [...], "meta": {...} }</c> to a stream as the run goes: the items array is opened when
/// page 1 succeeds, and memory stays bounded by one page plus <see cref="SendBytes"/>.
/// </summary>
/// <remarks>
/// When it sends: page 1 at once (the caller sees the 200 and the first items while the rest is fetched), then
/// whenever <see cref="SendBytes"/> are waiting or <see cref="SendInterval"/> has passed since the last send, and
/// at the end. Each send is a flush, and a flush is a socket write of its own when pages arrive slowly: a run of
/// small pages at 100 ms went out as one write per page; now its pages after the first share the last write,
/// while a slow run of tiny pages still shows progress at least once a second (to the caller, and to proxies
/// between that cut idle connections).
/// </remarks>
public sealed class JsonResultWriter : IResultSink, IAsyncDisposable
{
    /// <summary>Answer bytes that may wait for company before they are sent.</summary>
    public const int SendBytes = 32 * 1024;

    /// <summary>The longest answer bytes wait before they are sent.</summary>
    public static readonly TimeSpan SendInterval = TimeSpan.FromSeconds(1);

    private readonly Stream _output;
    private readonly Func<CancellationToken, ValueTask>? _onStart;
    private readonly TimeProvider _time;
    private readonly PooledBufferWriter _buffer = new();
    private bool _sentOnce;
    private long _lastSent;

    /// <param name="output">The answer body.</param>
    /// <param name="onStart">Called once before the first byte is written (e.g. to set status and content type).</param>
    /// <param name="time">The clock of <see cref="SendInterval"/> (the system's when null).</param>
    public JsonResultWriter(Stream output, Func<CancellationToken, ValueTask>? onStart = null, TimeProvider? time = null)
    {
        _output = output;
        _onStart = onStart;
        _time = time ?? TimeProvider.System;
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

    public ValueTask PageCompletedAsync(CancellationToken cancellationToken)
    {
        Writer.Flush();
        return !_sentOnce || _buffer.WrittenCount >= SendBytes || _time.GetElapsedTime(_lastSent) >= SendInterval
            ? SendAsync(cancellationToken)
            : ValueTask.CompletedTask;
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
        Writer.Flush();
        await SendAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.Clear();
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        _sentOnce = true;
        _lastSent = _time.GetTimestamp();
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
