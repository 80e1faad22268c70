using System.Text;
using System.Text.Json.Nodes;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Strategies;

/// <summary>Puts a pagination value where its <see cref="ParamPlacement"/> says: query, header, or JSON body.</summary>
internal static class ParamWriter
{
    /// <summary>Sets a number (page, offset, limit): a JSON number in a body, text elsewhere.</summary>
    public static PageRequest Set(PageRequest request, ParamPlacement placement, long value) =>
        Set(request, placement, value.ToString(System.Globalization.CultureInfo.InvariantCulture), () => JsonValue.Create(value));

    /// <summary>Sets a text value: a JSON string in a body.</summary>
    public static PageRequest Set(PageRequest request, ParamPlacement placement, string value) =>
        Set(request, placement, value, () => JsonValue.Create(value));

    /// <summary>
    /// Sets a cursor: in a body it keeps the JSON type the API gave it (CONTRACT §1), elsewhere it is its text.
    /// The caller refuses an object or array cursor outside a body (it has no text).
    /// </summary>
    public static PageRequest Set(PageRequest request, ParamPlacement placement, CursorValue cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        return Set(request, placement, cursor.Text ?? string.Empty, cursor.ToJsonNode);
    }

    private static PageRequest Set(PageRequest request, ParamPlacement placement, string text, Func<JsonNode> json)
    {
        var name = placement.Name ?? string.Empty;
        return placement.In switch
        {
            ParamLocations.Header => request.WithHeader(name, text),
            ParamLocations.Body => request with { Body = JsonBodyPointer.Set(request.Body, name, json()) },
            _ => request with { Uri = SetQuery(request.Uri, name, text) },
        };
    }

    /// <summary>
    /// Sets query parameter <paramref name="name"/> (replacing every existing occurrence, keeping the others
    /// exactly as written) or appends it.
    /// </summary>
    public static Uri SetQuery(Uri uri, string name, string value)
    {
        var query = uri.Query.Length > 1 ? uri.Query[1..] : string.Empty;
        var builder = new StringBuilder(uri.GetLeftPart(UriPartial.Path));
        var encoded = Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
        var replaced = false;
        var first = true;
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var partName = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            string piece;
            if (string.Equals(partName, name, StringComparison.Ordinal))
            {
                if (replaced)
                {
                    continue;
                }

                replaced = true;
                piece = encoded;
            }
            else
            {
                piece = part;
            }

            builder.Append(first ? '?' : '&').Append(piece);
            first = false;
        }

        if (!replaced)
        {
            builder.Append(first ? '?' : '&').Append(encoded);
        }

        builder.Append(uri.Fragment);
        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
