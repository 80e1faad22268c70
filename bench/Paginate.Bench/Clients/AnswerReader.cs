using System.Buffers;
using System.Text.Json;

namespace Paginate.Bench.Clients;

/// <summary>
/// Reads a JSON answer as a stream and discards it while counting: the elements of the gateway's
/// <c>items</c> array (or of a root array), the bytes, and <c>meta.items</c>/<c>stop_reason</c>/<c>partial</c>.
/// Memory stays at one token (one item may be a megabyte), whatever the answer's size.
/// </summary>
internal static class AnswerReader
{
    private const int InitialBuffer = 256 * 1024;

    public static async Task<AnswerCount> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
        var walker = new Walker();
        var filled = 0;
        long bytes = 0;
        try
        {
            var final = false;
            while (!final)
            {
                // Fill the buffer before parsing, so a long token is scanned once, not once per socket read.
                while (filled < buffer.Length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        final = true;
                        break;
                    }

                    filled += read;
                    bytes += read;
                }

                var consumed = walker.Walk(buffer.AsSpan(0, filled), final);
                var left = filled - consumed;
                if (left == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, left).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                else if (left > 0)
                {
                    buffer.AsSpan(consumed, left).CopyTo(buffer);
                }

                filled = left;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new AnswerCount
        {
            Items = walker.Items,
            Bytes = bytes,
            MetaItems = walker.MetaItems,
            StopReason = walker.StopReason,
            Partial = walker.Partial,
        };
    }

    /// <summary>The parse state that must survive between buffers.</summary>
    private sealed class Walker
    {
        private JsonReaderState _state;
        private bool _rootIsArray;
        private bool _inItems;
        private bool _inMeta;
        private string? _property;

        public long Items { get; private set; }

        public long? MetaItems { get; private set; }

        public string? StopReason { get; private set; }

        public bool Partial { get; private set; }

        public int Walk(ReadOnlySpan<byte> data, bool final)
        {
            var reader = new Utf8JsonReader(data, final, _state);
            while (reader.Read())
            {
                var depth = reader.CurrentDepth;
                var token = reader.TokenType;
                if (depth == 0 && token == JsonTokenType.StartArray)
                {
                    _rootIsArray = true;
                    continue;
                }

                if (_rootIsArray)
                {
                    if (depth == 1 && IsValueStart(token))
                    {
                        Items++;
                    }

                    continue;
                }

                if (depth == 1 && token == JsonTokenType.PropertyName)
                {
                    _property = reader.GetString();
                    continue;
                }

                if (depth == 1 && token is JsonTokenType.StartArray && _property == "items")
                {
                    _inItems = true;
                    continue;
                }

                if (depth == 1 && token is JsonTokenType.StartObject && _property == "meta")
                {
                    _inMeta = true;
                    continue;
                }

                if (depth == 1 && token is JsonTokenType.EndArray or JsonTokenType.EndObject)
                {
                    _inItems = false;
                    _inMeta = false;
                    continue;
                }

                if (_inItems && depth == 2 && IsValueStart(token))
                {
                    Items++;
                }
                else if (_inMeta && depth == 2)
                {
                    ReadMeta(ref reader, token);
                }
            }

            _state = reader.CurrentState;
            return (int)reader.BytesConsumed;
        }

        private void ReadMeta(ref Utf8JsonReader reader, JsonTokenType token)
        {
            if (token == JsonTokenType.PropertyName)
            {
                _property = reader.GetString();
                return;
            }

            switch (_property)
            {
                case "items" when token == JsonTokenType.Number:
                    MetaItems = reader.GetInt64();
                    break;
                case "stop_reason" when token == JsonTokenType.String:
                    StopReason = reader.GetString();
                    break;
                case "partial" when token is JsonTokenType.True or JsonTokenType.False:
                    Partial = reader.GetBoolean();
                    break;
            }
        }

        private static bool IsValueStart(JsonTokenType token) =>
            token is JsonTokenType.StartObject or JsonTokenType.StartArray or JsonTokenType.String or JsonTokenType.Number
                or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
    }
}
