using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Paginate.Engine.Json;

/// <summary>
/// Finds where one JSON value ends in a whole buffer, validating what <see cref="System.Text.Json.Utf8JsonReader"/>
/// with default options validates: the RFC 8259 grammar (no comments, no trailing commas), number syntax,
/// literals, escapes and <c>\u</c> hex digits, no control character below 0x20 inside strings, and the nesting
/// depth. Like the reader it does not check UTF-8 inside strings nor the pairing of <c>\u</c> surrogates (it
/// accepts what the reader accepts: a document that would not read as text still copies byte for byte).
/// </summary>
/// <remarks>
/// It exists because the reader's per-token work (the state machine, token bookkeeping, line counting) is most of
/// the page scan's cost while the scan only needs to know where each item ends. Here a string body is searched
/// 16 bytes at a time for a quote, a backslash or a control character, and everything else is one pass of
/// small branches. It does not report where or why a value is invalid: callers that need the reader's exact
/// error run the reader over the same bytes (see <c>PageScanner</c>).
/// Whitespace is the reader's four: space, tab, line feed and carriage return.
/// </remarks>
internal static class JsonSkip
{
    /// <summary>The end of the value that starts at <paramref name="start"/> (exclusive), or -1 when it is not one valid value.</summary>
    /// <param name="json">The buffer; a value that runs past its end is invalid (no resumption).</param>
    /// <param name="start">The first byte of the value (no whitespace before it).</param>
    /// <param name="depthLeft">How many containers may still open: the reader's <c>MaxDepth</c> minus the containers around the value.</param>
    public static int SkipValue(ReadOnlySpan<byte> json, int start, int depthLeft)
    {
        // One bit per open container (set: array), enough for the reader's largest useful MaxDepth here.
        var kinds = new OpenKinds();
        var open = 0;
        var inArray = false;
        var pos = start;
        byte c;

    Value:
        c = At(json, pos);
        if (c == (byte)'"')
        {
            pos = SkipString(json, pos + 1);
            if (pos < 0)
            {
                return -1;
            }

            goto AfterValue;
        }

        if (c == (byte)'{')
        {
            if (open >= depthLeft || open >= OpenKinds.Capacity)
            {
                return -1;
            }

            kinds.Set(open++, isArray: false);
            pos = SkipWhitespace(json, pos + 1);
            if (At(json, pos) == (byte)'}')
            {
                open--;
                pos++;
                goto AfterValue;
            }

            inArray = false;

            goto Name;
        }

        if (c == (byte)'[')
        {
            if (open >= depthLeft || open >= OpenKinds.Capacity)
            {
                return -1;
            }

            kinds.Set(open++, isArray: true);
            pos = SkipWhitespace(json, pos + 1);
            if (At(json, pos) == (byte)']')
            {
                open--;
                pos++;
                goto AfterValue;
            }

            inArray = true;

            goto Value;
        }

        pos = c is (byte)'-' or (>= (byte)'0' and <= (byte)'9') ? SkipNumber(json, pos) : SkipLiteral(json, pos, c);
        if (pos < 0)
        {
            return -1;
        }

    AfterValue:
        if (open == 0)
        {
            return pos;
        }

        pos = SkipWhitespace(json, pos);
        c = At(json, pos);
        if (c == (byte)',')
        {
            pos = SkipWhitespace(json, pos + 1);
            if (inArray)
            {
                goto Value;
            }

            goto Name;
        }

        if (c == (inArray ? (byte)']' : (byte)'}'))
        {
            // The container's kind is read back only when it closes, not at every value.
            open--;
            pos++;
            inArray = open > 0 && kinds.IsArray(open - 1);
            goto AfterValue;
        }

        return -1;

    Name:
        if (At(json, pos) != (byte)'"')
        {
            return -1;
        }

        pos = SkipString(json, pos + 1);
        if (pos < 0)
        {
            return -1;
        }

        pos = SkipWhitespace(json, pos);
        if (At(json, pos) != (byte)':')
        {
            return -1;
        }

        pos = SkipWhitespace(json, pos + 1);
        goto Value;
    }

    /// <summary>The first position at or after <paramref name="pos"/> that is not JSON whitespace (the length when none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int pos)
    {
        // Minified JSON has none: one comparison decides.
        if ((uint)pos < (uint)json.Length && json[pos] > (byte)' ')
        {
            return pos;
        }

        return SkipWhitespaceSlow(json, pos);
    }

    /// <summary>
    /// The end of a string whose opening quote is just before <paramref name="pos"/>: the position after the closing
    /// quote, or -1 when the string is unterminated, holds a control character or a bad escape.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipString(ReadOnlySpan<byte> json, int pos)
    {
        ref var first = ref MemoryMarshal.GetReference(json);
        var length = json.Length;
        var quote = Vector128.Create((byte)'"');
        var backslash = Vector128.Create((byte)'\\');
        var controlBits = Vector128.Create((byte)0xE0);
        while (true)
        {
            while (pos <= length - Vector128<byte>.Count)
            {
                var block = Vector128.LoadUnsafe(ref first, (nuint)pos);
                var special = Vector128.Equals(block, quote) | Vector128.Equals(block, backslash) | Vector128.Equals(block & controlBits, Vector128<byte>.Zero);
                var mask = special.ExtractMostSignificantBits();
                if (mask != 0)
                {
                    pos += BitOperations.TrailingZeroCount(mask);
                    goto Special;
                }

                pos += Vector128<byte>.Count;
            }

            while (true)
            {
                if (pos >= length)
                {
                    return -1;
                }

                var b = Unsafe.Add(ref first, pos);
                if (b is (byte)'"' or (byte)'\\' or < (byte)' ')
                {
                    break;
                }

                pos++;
            }

        Special:
            var c = Unsafe.Add(ref first, pos);
            if (c == (byte)'"')
            {
                return pos + 1;
            }

            if (c != (byte)'\\')
            {
                return -1;
            }

            pos = SkipEscape(json, pos + 1);
            if (pos < 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The end of a number (RFC 8259: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>), or -1.</summary>
    public static int SkipNumber(ReadOnlySpan<byte> json, int pos)
    {
        if (At(json, pos) == (byte)'-')
        {
            pos++;
        }

        var c = At(json, pos);
        if (c == (byte)'0')
        {
            pos++;
        }
        else if (IsDigit(c))
        {
            pos = SkipDigits(json, pos + 1);
        }
        else
        {
            return -1;
        }

        if (At(json, pos) == (byte)'.')
        {
            if (!IsDigit(At(json, pos + 1)))
            {
                return -1;
            }

            pos = SkipDigits(json, pos + 2);
        }

        if ((At(json, pos) | 0x20) == (byte)'e')
        {
            pos++;
            if (At(json, pos) is (byte)'+' or (byte)'-')
            {
                pos++;
            }

            if (!IsDigit(At(json, pos)))
            {
                return -1;
            }

            pos = SkipDigits(json, pos + 1);
        }

        // What may follow (a delimiter) is checked by the caller, as the reader checks it on the next token.
        return pos;
    }

    /// <summary>The byte at <paramref name="pos"/>, or 0 past the end (0 is valid nowhere the callers look).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> json, int pos) => (uint)pos < (uint)json.Length ? json[pos] : (byte)0;

    private static int SkipWhitespaceSlow(ReadOnlySpan<byte> json, int pos)
    {
        while ((uint)pos < (uint)json.Length && json[pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }

        return pos;
    }

    /// <summary>After a backslash: the position after the escape, or -1.</summary>
    private static int SkipEscape(ReadOnlySpan<byte> json, int pos)
    {
        switch (At(json, pos))
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return pos + 1;
            case (byte)'u':
                if (pos + 4 >= json.Length)
                {
                    return -1;
                }

                return IsHex(json[pos + 1]) && IsHex(json[pos + 2]) && IsHex(json[pos + 3]) && IsHex(json[pos + 4]) ? pos + 5 : -1;
            default:
                return -1;
        }
    }

    private static int SkipLiteral(ReadOnlySpan<byte> json, int pos, byte first)
    {
        // Four bytes compared as one little-endian word: "true", "null", or "alse" after the f.
        uint expected;
        switch (first)
        {
            case (byte)'t':
                expected = 0x65757274;
                break;
            case (byte)'n':
                expected = 0x6c6c756e;
                break;
            case (byte)'f':
                expected = 0x65736c61;
                pos++;
                break;
            default:
                return -1;
        }

        return pos <= json.Length - 4 && BinaryPrimitives.ReadUInt32LittleEndian(json.Slice(pos, 4)) == expected ? pos + 4 : -1;
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int pos)
    {
        while (IsDigit(At(json, pos)))
        {
            pos++;
        }

        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    private static bool IsHex(byte c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'f' - 'a';

    /// <summary>A 256-bit stack of container kinds, on the stack of the caller.</summary>
    private struct OpenKinds
    {
        public const int Capacity = 256;

        private ulong _a;
        private ulong _b;
        private ulong _c;
        private ulong _d;

        public void Set(int level, bool isArray)
        {
            ref var word = ref Word(level);
            var bit = 1UL << (level & 63);
            word = isArray ? word | bit : word & ~bit;
        }

        public bool IsArray(int level) => (Word(level) & (1UL << (level & 63))) != 0;

        [UnscopedRef]
        private ref ulong Word(int level)
        {
            switch (level >> 6)
            {
                case 0:
                    return ref _a;
                case 1:
                    return ref _b;
                case 2:
                    return ref _c;
                default:
                    return ref _d;
            }
        }
    }
}
