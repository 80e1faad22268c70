using System.Text.Json;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// Reads a first page and proposes how the API paginates. Each detector looks for one family of
/// well-known shapes (Link header, body links, GraphQL, cursors, has-more flags, page and offset counters)
/// and says which fields it saw; evidence names paths, never values (a next link may carry a key).
/// </summary>
internal static class PaginationDetector
{
    // In this order: suggestions of equal confidence keep it when ranked.
    private static readonly IStyleDetector Headers = new LinkHeaderDetector();

    private static readonly IStyleDetector[] BodyDetectors =
    [
        new BodyLinkDetector(),
        new GraphQlDetector(),
        new CursorDetector(),
        new HasMoreDetector(),
        new PageNumberDetector(),
        new OffsetDetector(),
    ];

    private static readonly IStyleDetector Fallback = new UrlParameterDetector();

    /// <summary>The detection context: its suggestions in <see cref="DetectionContext.Found"/>, the items array it found in <see cref="DetectionContext.Items"/>.</summary>
    public static DetectionContext Detect(FirstPage page, RequestSpec request)
    {
        var context = new DetectionContext(page, request);
        Headers.Detect(context);
        if (context.Body.ValueKind == JsonValueKind.Object)
        {
            foreach (var detector in BodyDetectors)
            {
                detector.Detect(context);
            }
        }

        Fallback.Detect(context);
        context.Add(new PaginationSpec { Style = PaginationStyles.None }, context.Found.Count == 0 ? 0.4 : 0.1, "No next-page hint is needed for a single page");
        return context;
    }
}
