using System.Diagnostics.CodeAnalysis;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Strategies;

/// <summary>Looks up and builds the strategy of a style, compiling its paths.</summary>
internal static class PagingStrategies
{
    /// <summary>
    /// Builds the strategy for a pagination spec (missing keys take the contract's defaults). Every path
    /// error is added to <paramref name="errors"/> keyed by field path, e.g. <c>pagination.cursor_path</c>.
    /// </summary>
    public static bool TryCreate(PaginationSpec spec, FieldErrors errors, [NotNullWhen(true)] out IPagingStrategy? strategy)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        strategy = null;
        switch (spec.Style)
        {
            case PaginationStyles.None:
                strategy = NonePagingStrategy.Instance;
                break;
            case PaginationStyles.PageNumber:
            {
                var total = Compile(spec.TotalPagesPath, "pagination.total_pages_path", errors);
                var current = Compile(spec.CurrentPagePath, "pagination.current_page_path", errors);
                strategy = new PageNumberPagingStrategy(
                    spec.PageParam ?? ParamPlacement.Query(RunnerDefaults.PageParamName), spec.StartPage ?? RunnerDefaults.StartPage, spec.PageSize, spec.PageSizeParam, total, current);
                break;
            }

            case PaginationStyles.Offset:
            {
                var total = Compile(spec.TotalPath, "pagination.total_path", errors);
                var nextOffset = Compile(spec.NextOffsetPath, "pagination.next_offset_path", errors);
                var hasMore = Compile(spec.HasMorePath, "pagination.has_more_path", errors);
                strategy = new OffsetPagingStrategy(
                    spec.OffsetParam ?? ParamPlacement.Query(RunnerDefaults.OffsetParamName), spec.StartOffset ?? RunnerDefaults.StartOffset, spec.LimitParam ?? ParamPlacement.Query(RunnerDefaults.LimitParamName),
                    spec.Limit ?? RunnerDefaults.Limit, total, nextOffset, hasMore);
                break;
            }

            case PaginationStyles.Cursor:
            {
                var cursor = Required(spec.CursorPath, "pagination.cursor_path", errors);
                var hasMore = Compile(spec.HasMorePath, "pagination.has_more_path", errors);
                if (spec.CursorParam is null)
                {
                    errors.Add("pagination.cursor_param", "cursor_param is required for style cursor.");
                }
                else if (cursor is not null)
                {
                    strategy = new CursorPagingStrategy(cursor, spec.CursorParam, hasMore);
                }

                break;
            }

            case PaginationStyles.NextLink:
            {
                var paths = new List<JsonPath>();
                foreach (var text in spec.NextLinkPath is null ? RunnerDefaults.NextLinkPaths : [spec.NextLinkPath])
                {
                    if (Compile(text, "pagination.next_link_path", errors) is { } path)
                    {
                        paths.Add(path);
                    }
                }

                strategy = new NextLinkPagingStrategy(paths);
                break;
            }

            case PaginationStyles.LinkHeader:
                strategy = new LinkHeaderPagingStrategy();
                break;
            case PaginationStyles.Script:
                if (string.IsNullOrWhiteSpace(spec.Script))
                {
                    errors.Add("pagination.script", "script is required for style script.");
                }
                else if (ScriptProgram.TryParse(spec.Script, out var program, out var scriptError))
                {
                    strategy = new ScriptStrategy(program);
                }
                else
                {
                    errors.Add("pagination.script", scriptError.ToString());
                }

                break;
            default:
                errors.Add("pagination.style", $"Unknown pagination style '{spec.Style}'; expected one of: {string.Join(", ", PaginationStyles.All)}.");
                break;
        }

        if (errors.Count != before)
        {
            strategy = null;
        }

        return strategy is not null;
    }

    private static JsonPath? Required(string? text, string key, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(key, $"{key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]} is required for this style.");
            return null;
        }

        return Compile(text, key, errors);
    }

    private static JsonPath? Compile(string? text, string key, FieldErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (JsonPath.TryParse(text, out var path, out var error))
        {
            return path;
        }

        errors.Add(key, $"Invalid path '{text}': {error}");
        return null;
    }
}
