using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;
using Paginate.Gateway.Access;

namespace Paginate.Gateway.Running;

/// <summary>
/// Reads what a call brings: placeholder values (query string first, then top-level fields of a JSON
/// body) and the forwarded headers the runner names. Only the values the runner needs are copied.
/// </summary>
internal static class CallInputs
{
    /// <summary>A body is only read for placeholder values: anything larger is refused.</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The outcome of <see cref="ReadValuesAsync"/>: the values, or the first missing name, or a bad body.</summary>
    public readonly record struct Values(Dictionary<string, string>? Found, string? Missing, bool InvalidBody);

    public static async Task<Values> ReadValuesAsync(HttpRequest request, CompiledRunner runner, CancellationToken cancellationToken)
    {
        var names = runner.Placeholders;
        var found = new Dictionary<string, string>(names.Count, StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (request.Query.TryGetValue(name, out var value) && value.Count > 0)
            {
                found[name] = value[0] ?? string.Empty;
            }
        }

        if (found.Count < names.Count && HasJsonBody(request))
        {
            if (!await TryReadBodyAsync(request, names, found, cancellationToken).ConfigureAwait(false))
            {
                return new Values(null, null, InvalidBody: true);
            }
        }

        foreach (var name in names)
        {
            if (!found.ContainsKey(name))
            {
                return new Values(null, name, InvalidBody: false);
            }
        }

        return new Values(found, null, InvalidBody: false);
    }

    public static List<KeyValuePair<string, string>> ReadForwardedHeaders(HttpRequest request, CompiledRunner runner)
    {
        var names = runner.Definition.Request.ForwardHeaders;
        var headers = new List<KeyValuePair<string, string>>(names.Count);
        foreach (var name in names)
        {
            // The token authenticates the caller to the gateway: it never goes upstream.
            if (string.Equals(name, AccessChecker.TokenHeader, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in request.Headers[name])
            {
                if (value is not null)
                {
                    headers.Add(new(name, value));
                }
            }
        }

        return headers;
    }

    private static bool HasJsonBody(HttpRequest request)
    {
        if (request.ContentLength == 0 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || mediaType.MediaType is null)
        {
            return false;
        }

        return mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<bool> TryReadBodyAsync(HttpRequest request, IReadOnlyList<string> names, Dictionary<string, string> found, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return false;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return false;
        }
        catch (BadHttpRequestException)
        {
            return false;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            foreach (var name in names)
            {
                if (found.ContainsKey(name) || !document.RootElement.TryGetProperty(name, out var value))
                {
                    continue;
                }

                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        found[name] = value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        found[name] = value.GetRawText();
                        break;
                    case JsonValueKind.True:
                    case JsonValueKind.False:
                        found[name] = value.GetBoolean() ? "true" : "false";
                        break;
                    default:
                        // null, objects and arrays are not placeholder values: treated as missing.
                        break;
                }
            }
        }

        return true;
    }
}
