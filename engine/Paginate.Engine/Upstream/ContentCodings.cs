using System.IO.Compression;

namespace Paginate.Engine.Upstream;

/// <summary>
/// The one rule for an upstream's <c>Content-Encoding</c>: at most <see cref="MaxCodings"/> codings, none
/// repeated, each one we can decode. The list is checked as a whole BEFORE any decoder is built: a header of
/// thousands of <c>gzip</c> entries would otherwise build one decoder (and its native state) per entry
/// for a single empty body.
/// </summary>
internal static class ContentCodings
{
    /// <summary>Two is what a real server ever sends (e.g. <c>gzip</c> over <c>br</c>); more is an attack or a bug.</summary>
    public const int MaxCodings = 2;

    /// <summary>
    /// Wraps <paramref name="stream"/> in the decoders <paramref name="codings"/> (from <see cref="Check"/>)
    /// ask for, the last applied undone first.
    /// </summary>
    public static Stream Decode(Stream stream, IReadOnlyList<string> codings)
    {
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            stream = codings[i] switch
            {
                "gzip" => new GZipStream(stream, CompressionMode.Decompress),
                "deflate" => new ZLibStream(stream, CompressionMode.Decompress),
                _ => new BrotliStream(stream, CompressionMode.Decompress),
            };
        }

        return stream;
    }

    /// <summary>
    /// The codings to undo, normalised (<c>x-gzip</c> is <c>gzip</c>, <c>identity</c> dropped), in the order
    /// applied. Throws <see cref="UnsupportedContentEncodingException"/> when the list breaks the rule.
    /// </summary>
    public static IReadOnlyList<string> Check(ICollection<string> encodings)
    {
        if (encodings.Count == 0)
        {
            return [];
        }

        // Counted before anything else: the raw list may be thousands long.
        if (encodings.Count > MaxCodings)
        {
            throw new UnsupportedContentEncodingException($"The upstream answered with {encodings.Count} content codings; at most {MaxCodings} are accepted.");
        }

        var codings = new List<string>(MaxCodings);
        foreach (var raw in encodings)
        {
            var coding = raw.Trim().ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => "gzip",
                "deflate" => "deflate",
                "br" => "br",
                "identity" or "" => null,
                _ => throw new UnsupportedContentEncodingException($"The upstream answered with the unsupported content coding '{Sanitize(raw)}'."),
            };

            if (coding is null)
            {
                continue;
            }

            if (codings.Contains(coding))
            {
                throw new UnsupportedContentEncodingException($"The upstream answered with the content coding '{coding}' more than once.");
            }

            codings.Add(coding);
        }

        return codings;
    }

    /// <summary>A coding name as it may be shown: short, letters, digits and a few marks only.</summary>
    public static string Sanitize(string text) =>
        new(text.Take(40).Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '+' or '.').ToArray());
}
