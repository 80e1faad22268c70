using System.Buffers.Binary;
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
/// the page scan's cost while the scan only needs to know where each item ends. Here the quotes, backslashes and
/// control bytes of each 64-byte block are found once, so a string's end is a shift and a bit count; runs of
/// whitespace are searched 16 bytes at a time; everything else is one pass of small branches. It does not report
/// where or why a value is invalid: callers that need the reader's exact error run the reader over the same
/// bytes (see <c>PageScanner</c>).
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
        // Bounds are checked once per read against the length (At), not again by a span indexer.
        ref var first = ref MemoryMarshal.GetReference(json);
        var length = json.Length;

        // One bit per open container (set: array); the innermost one's kind is kept in a local.
        var kinds = new OpenKinds();
        var open = 0;
        var inArray = false;
        var pos = start;
        byte c;

        // Where the quotes, backslashes and control bytes lie in one 64-byte block (see NextSpecial).
        var blockStart = int.MinValue;
        var special = 0UL;

        // Each label reads its byte once and skips whitespace only when that byte is one (minified JSON has none).
    Value:
        c = At(ref first, length, pos);
        if (c <= (byte)' ')
        {
            pos = SkipWhitespaceSlow(ref first, length, pos);
            c = At(ref first, length, pos);
        }

        if (c == (byte)'"')
        {
            pos = SkipStringInBlocks(ref first, length, pos + 1, ref blockStart, ref special);
            if (pos < 0)
            {
                return -1;
            }

            goto AfterValue;
        }

        if (c is (byte)'{' or (byte)'[')
        {
            if (open >= depthLeft || open >= OpenKinds.Capacity)
            {
                return -1;
            }

            inArray = c == (byte)'[';
            kinds.Set(open++, inArray);
            pos = SkipWhitespace(ref first, length, pos + 1);
            if (At(ref first, length, pos) == (inArray ? (byte)']' : (byte)'}'))
            {
                pos++;
                goto Close;
            }

            if (inArray)
            {
                goto Value;
            }

            goto Name;
        }

        if (IsDigit(c))
        {
            // Inline for the common case, a plain integer; a fraction or an exponent is checked from the start.
            // A leading zero is one digit: what follows it ("01") is refused after the value.
            var number = pos++;
            if (c != (byte)'0')
            {
                while (IsDigit(At(ref first, length, pos)))
                {
                    pos++;
                }
            }

            if ((At(ref first, length, pos) | 0x20) is (byte)'.' or (byte)'e')
            {
                pos = SkipNumber(ref first, length, number);
            }
        }
        else
        {
            pos = c == (byte)'-' ? SkipNumber(ref first, length, pos) : SkipLiteral(ref first, length, pos, c);
        }

        if (pos < 0)
        {
            return -1;
        }

    AfterValue:
        if (open == 0)
        {
            return pos;
        }

        c = At(ref first, length, pos);
        if (c <= (byte)' ')
        {
            pos = SkipWhitespaceSlow(ref first, length, pos);
            c = At(ref first, length, pos);
        }

        pos++;
        if (c == (byte)',')
        {
            if (inArray)
            {
                goto Value;
            }

            goto Name;
        }

        if (c != (inArray ? (byte)']' : (byte)'}'))
        {
            return -1;
        }

    Close:
        // The container's kind is read back only when one closes, not at every value.
        open--;
        inArray = open > 0 && kinds.IsArray(open - 1);
        goto AfterValue;

    Name:
        c = At(ref first, length, pos);
        if (c <= (byte)' ')
        {
            pos = SkipWhitespaceSlow(ref first, length, pos);
            c = At(ref first, length, pos);
        }

        if (c != (byte)'"')
        {
            return -1;
        }

        pos = SkipStringInBlocks(ref first, length, pos + 1, ref blockStart, ref special);
        if (pos < 0)
        {
            return -1;
        }

        c = At(ref first, length, pos);
        if (c <= (byte)' ')
        {
            pos = SkipWhitespaceSlow(ref first, length, pos);
            c = At(ref first, length, pos);
        }

        if (c != (byte)':')
        {
            return -1;
        }

        pos++;
        goto Value;
    }

    /// <summary>The first position at or after <paramref name="pos"/> that is not JSON whitespace (the length when none).</summary>
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int pos) => SkipWhitespace(ref MemoryMarshal.GetReference(json), json.Length, pos);

    /// <summary>
    /// The end of a string whose opening quote is just before <paramref name="pos"/>: the position after the closing
    /// quote, or -1 when the string is unterminated, holds a control character or a bad escape.
    /// </summary>
    public static int SkipString(ReadOnlySpan<byte> json, int pos)
    {
        var blockStart = int.MinValue;
        var special = 0UL;
        return SkipStringInBlocks(ref MemoryMarshal.GetReference(json), json.Length, pos, ref blockStart, ref special);
    }

    /// <summary>The byte at <paramref name="pos"/>, or 0 past the end (0 is valid nowhere the callers look).</summary>
    public static byte At(ReadOnlySpan<byte> json, int pos) => At(ref MemoryMarshal.GetReference(json), json.Length, pos);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ref byte first, int length, int pos) => (uint)pos < (uint)length ? Unsafe.Add(ref first, (uint)pos) : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ref byte first, int length, int pos)
    {
        // Minified JSON has none: one comparison decides.
        if ((uint)pos < (uint)length && Unsafe.Add(ref first, (uint)pos) > (byte)' ')
        {
            return pos;
        }

        return SkipWhitespaceSlow(ref first, length, pos);
    }

    private static int SkipWhitespaceSlow(ref byte first, int length, int pos)
    {
        // Indented pages have runs of spaces after each line feed: 16 bytes at a time, the first other byte stops.
        while (pos <= length - Vector128<byte>.Count)
        {
            var block = Vector128.LoadUnsafe(ref first, (nuint)(uint)pos);
            var blank = Vector128.Equals(block, Vector128.Create((byte)' ')) | Vector128.Equals(block, Vector128.Create((byte)'\n'))
                | Vector128.Equals(block, Vector128.Create((byte)'\r')) | Vector128.Equals(block, Vector128.Create((byte)'\t'));
            var other = ~blank.ExtractMostSignificantBits() & 0xFFFF;
            if (other != 0)
            {
                return pos + BitOperations.TrailingZeroCount(other);
            }

            pos += Vector128<byte>.Count;
        }

        while ((uint)pos < (uint)length && Unsafe.Add(ref first, (uint)pos) is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            pos++;
        }

        return pos;
    }

    /// <summary>
    /// The end of a string (see <see cref="SkipString(ReadOnlySpan{byte}, int)"/>) for a run of strings close together: the block's mask of special
    /// bytes is computed once per 64 bytes, so finding a string's end is a shift and a bit count, not a load and
    /// four vector operations that the next token has to wait for.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipStringInBlocks(ref byte first, int length, int pos, ref int blockStart, ref ulong special)
    {
        while (true)
        {
            pos = NextSpecial(ref first, length, pos, ref blockStart, ref special);
            var c = At(ref first, length, pos);
            if (c == (byte)'"')
            {
                return pos + 1;
            }

            if (c != (byte)'\\')
            {
                // A control byte, or the end of the buffer (read as 0).
                return -1;
            }

            pos = SkipEscape(ref first, length, pos + 1);
            if (pos < 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The first quote, backslash or control byte at or after <paramref name="pos"/>; at or past the end when none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextSpecial(ref byte first, int length, int pos, ref int blockStart, ref ulong special)
    {
        var offset = (uint)(pos - blockStart);
        if (offset < 64)
        {
            var rest = special >> (int)offset;
            if (rest != 0)
            {
                return pos + BitOperations.TrailingZeroCount(rest);
            }

            pos = blockStart + 64;
        }

        return NextSpecialInNewBlocks(ref first, length, pos, ref blockStart, ref special);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int NextSpecialInNewBlocks(ref byte first, int length, int pos, ref int blockStart, ref ulong special)
    {
        while (pos < length)
        {
            blockStart = pos;
            special = pos <= length - 64 ? Specials(ref Unsafe.Add(ref first, (uint)pos)) : SpecialsOfTail(ref first, length, pos);
            if (special != 0)
            {
                return pos + BitOperations.TrailingZeroCount(special);
            }

            pos += 64;
        }

        return length;
    }

    /// <summary>One bit per byte of the 64 at <paramref name="block"/>: set for a quote, a backslash or a byte below 0x20.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Specials(ref byte block)
    {
        var a = Specials(Vector128.LoadUnsafe(ref block));
        var b = Specials(Vector128.LoadUnsafe(ref block, 16));
        var c = Specials(Vector128.LoadUnsafe(ref block, 32));
        var d = Specials(Vector128.LoadUnsafe(ref block, 48));
        return a | ((ulong)b << 16) | ((ulong)c << 32) | ((ulong)d << 48);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Specials(Vector128<byte> bytes) =>
        (Vector128.Equals(bytes, Vector128.Create((byte)'"'))
            | Vector128.Equals(bytes, Vector128.Create((byte)'\\'))
            | Vector128.Equals(bytes & Vector128.Create((byte)0xE0), Vector128<byte>.Zero)).ExtractMostSignificantBits();

    /// <summary>The last bytes of the buffer, padded with zeros: a zero counts as special, so a search never runs past the end.</summary>
    private static ulong SpecialsOfTail(ref byte first, int length, int pos)
    {
        Span<byte> tail = stackalloc byte[64];
        tail.Clear();
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, (uint)pos), length - pos).CopyTo(tail);
        return Specials(ref MemoryMarshal.GetReference(tail));
    }

    private static int SkipNumber(ref byte first, int length, int pos)
    {
        if (At(ref first, length, pos) == (byte)'-')
        {
            pos++;
        }

        var c = At(ref first, length, pos);
        if (c == (byte)'0')
        {
            pos++;
        }
        else if (IsDigit(c))
        {
            pos = SkipDigits(ref first, length, pos + 1);
        }
        else
        {
            return -1;
        }

        if (At(ref first, length, pos) == (byte)'.')
        {
            if (!IsDigit(At(ref first, length, pos + 1)))
            {
                return -1;
            }

            pos = SkipDigits(ref first, length, pos + 2);
        }

        if ((At(ref first, length, pos) | 0x20) == (byte)'e')
        {
            pos++;
            if (At(ref first, length, pos) is (byte)'+' or (byte)'-')
            {
                pos++;
            }

            if (!IsDigit(At(ref first, length, pos)))
            {
                return -1;
            }

            pos = SkipDigits(ref first, length, pos + 1);
        }

        // What may follow (a delimiter) is checked by the caller, as the reader checks it on the next token.
        return pos;
    }

    /// <summary>After a backslash: the position after the escape, or -1.</summary>
    private static int SkipEscape(ref byte first, int length, int pos)
    {
        switch (At(ref first, length, pos))
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return pos + 1;
            case (byte)'u':
                return pos + 4 < length
                    && IsHex(Unsafe.Add(ref first, (uint)pos + 1)) && IsHex(Unsafe.Add(ref first, (uint)pos + 2))
                    && IsHex(Unsafe.Add(ref first, (uint)pos + 3)) && IsHex(Unsafe.Add(ref first, (uint)pos + 4))
                    ? pos + 5
                    : -1;
            default:
                return -1;
        }
    }

    private static int SkipLiteral(ref byte first, int length, int pos, byte letter)
    {
        // Four bytes compared as one little-endian word: "true", "null", or "alse" after the f.
        uint expected;
        switch (letter)
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

        return pos <= length - 4 && BinaryPrimitives.ReadUInt32LittleEndian(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref first, (uint)pos), 4)) == expected
            ? pos + 4
            : -1;
    }

    private static int SkipDigits(ref byte first, int length, int pos)
    {
        while (IsDigit(At(ref first, length, pos)))
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

        private Words _words;

        public void Set(int level, bool isArray)
        {
            ref var word = ref _words[level >> 6];
            var bit = 1UL << (level & 63);
            word = isArray ? word | bit : word & ~bit;
        }

        public readonly bool IsArray(int level) => (_words[level >> 6] & (1UL << (level & 63))) != 0;

        [InlineArray(Capacity / 64)]
        private struct Words
        {
            private ulong _word;
        }
    }
}
