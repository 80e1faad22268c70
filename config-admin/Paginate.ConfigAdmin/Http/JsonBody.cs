using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.Problems;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Http;

/// <summary>
/// Reads a JSON object body with a size cap. Endpoints read bodies themselves (not through binding) so a
/// bad body is answered as the contract wants: 415 for another media type, 400 with <c>errors</c> otherwise.
/// The body is never logged or echoed.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// Reads a body that holds exactly one string field, <paramref name="name"/> (null when absent or not a
    /// string), and checks it with <paramref name="check"/>, which returns the error for that field or null.
    /// </summary>
    public static async Task<(string? Value, ProblemHttpResult? Problem)> ReadStringFieldAsync(
        HttpRequest request, string name, Func<string?, string?> check, CancellationToken cancellationToken)
    {
        var (document, problem) = await ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        using (document)
        {
            var root = document!.RootElement;
            var errors = new FieldErrors();
            RejectUnknownFields(root, [name], errors);
            var value = root.TryGetProperty(name, out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null;
            if (check(value) is { } error)
            {
                errors.Add(name, error);
            }

            return errors.Count > 0 ? (null, ApiProblems.Validation(errors.ToDictionary())) : (value, null);
        }
    }

    public static async Task<(JsonDocument? Document, ProblemHttpResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Status(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported Media Type",
                "The body must be JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            // The position only: the parser's own message may quote the body.
            return (null, ApiProblems.Validation("body", $"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})."));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return (null, ApiProblems.Validation("body", "The body must be a JSON object."));
        }

        return (document, null);
    }

    /// <summary>The string values of an optional object of strings (numbers and booleans are taken as text).</summary>
    public static Dictionary<string, string> ReadStringMap(JsonElement root, string field, FieldErrors errors, StringComparer comparer)
    {
        var map = new Dictionary<string, string>(comparer);
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return map;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(field, "must be an object of name to string value.");
            return map;
        }

        foreach (var property in value.EnumerateObject())
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String:
                    map[property.Name] = property.Value.GetString()!;
                    break;
                case JsonValueKind.Number:
                case JsonValueKind.True:
                case JsonValueKind.False:
                    map[property.Name] = property.Value.GetRawText();
                    break;
                default:
                    errors.Add($"{field}.{property.Name}", "must be a string.");
                    break;
            }
        }

        return map;
    }

    /// <summary>Top-level fields other than <paramref name="allowed"/> are errors, one per field.</summary>
    public static void RejectUnknownFields(JsonElement root, IReadOnlyCollection<string> allowed, FieldErrors errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                errors.Add(property.Name, $"unknown field; allowed: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static ProblemHttpResult TooLarge() => ApiProblems.Status(
        StatusCodes.Status413PayloadTooLarge,
        "Payload Too Large",
        $"The body is larger than {MaxBytes / 1024} KiB.");
}
