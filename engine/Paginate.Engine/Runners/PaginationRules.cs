using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Paginate.Engine.Json;

namespace Paginate.Engine.Runners;

/// <summary>
/// Rules of <c>pagination</c>: the style, which keys belong to it, the required ones, parameter placements, paths,
/// and strategies that could never stop (rejected here rather than discovered at max_pages in production).
/// </summary>
internal sealed class PaginationRules : AbstractValidator<RunnerDefinition>
{
    public const int MaxScriptLength = 65_536;
    public const int MaxPageSize = 100_000;

    // Every style-specific key, the styles it belongs to (CONTRACT §1 table) and whether it is a path.
    private static readonly PaginationKey[] s_keys =
    [
        new("page_param", s => s.PageParam, [PaginationStyles.PageNumber]),
        new("start_page", s => s.StartPage, [PaginationStyles.PageNumber]),
        new("page_size", s => s.PageSize, [PaginationStyles.PageNumber]),
        new("page_size_param", s => s.PageSizeParam, [PaginationStyles.PageNumber]),
        new("total_pages_path", s => s.TotalPagesPath, [PaginationStyles.PageNumber]),
        new("current_page_path", s => s.CurrentPagePath, [PaginationStyles.PageNumber]),
        new("offset_param", s => s.OffsetParam, [PaginationStyles.Offset]),
        new("limit_param", s => s.LimitParam, [PaginationStyles.Offset]),
        new("limit", s => s.Limit, [PaginationStyles.Offset]),
        new("start_offset", s => s.StartOffset, [PaginationStyles.Offset]),
        new("total_path", s => s.TotalPath, [PaginationStyles.Offset]),
        new("next_offset_path", s => s.NextOffsetPath, [PaginationStyles.Offset]),
        new("has_more_path", s => s.HasMorePath, [PaginationStyles.Offset, PaginationStyles.Cursor]),
        new("cursor_path", s => s.CursorPath, [PaginationStyles.Cursor]),
        new("cursor_param", s => s.CursorParam, [PaginationStyles.Cursor]),
        new("next_link_path", s => s.NextLinkPath, [PaginationStyles.NextLink]),
        new("script", s => s.Script, [PaginationStyles.Script]),
    ];

    // $last_item paths read the page's last item: meaningful for the next cursor or offset, not for totals or flags.
    private static readonly HashSet<string> s_lastItemAllowed = ["cursor_path", "next_offset_path"];

    public PaginationRules()
    {
        When(x => x.Pagination is not null, () =>
        {
            RuleFor(x => x.Pagination).Custom((spec, context) =>
            {
                var definition = context.InstanceToValidate;
                var styleKnown = CheckStyle(spec.Style, context);
                foreach (var key in s_keys)
                {
                    var value = key.Get(spec);
                    if (value is null)
                    {
                        continue;
                    }

                    if (styleKnown && !key.Styles.Contains(spec.Style))
                    {
                        context.Fail($"pagination.{key.Name}", $"pagination.{key.Name} does not apply to style {spec.Style} (it is a key of style {string.Join(" and ", key.Styles)}); remove it");
                        continue;
                    }

                    switch (value)
                    {
                        case string text when key.Name.EndsWith("_path", StringComparison.Ordinal):
                            CheckPath(key.Name, text, context);
                            break;
                        case ParamPlacement placement:
                            CheckPlacement(key.Name, placement, definition.Request, context);
                            break;
                    }
                }

                CheckNumbers(spec, context);
                if (styleKnown)
                {
                    CheckStyleRequirements(spec, definition.Limits, context);
                    CheckClashes(spec, context);
                }
            });
        });
    }

    private static bool CheckStyle(string? style, ValidationContext<RunnerDefinition> context)
    {
        if (style is not null && PaginationStyles.All.Contains(style))
        {
            return true;
        }

        context.Fail("pagination.style", style is null
            ? $"pagination.style must be one of: {string.Join(", ", PaginationStyles.All)}; not null"
            : $"unknown style '{style}'; use one of: {string.Join(", ", PaginationStyles.All)}");
        return false;
    }

    private static void CheckPath(string key, string text, ValidationContext<RunnerDefinition> context)
    {
        var path = $"pagination.{key}";
        if (text.Length == 0)
        {
            context.Fail(path, $"{path} is empty; write a path such as 'meta.next' or leave the key out");
        }
        else if (!JsonPath.TryParse(text, out var parsed, out var error))
        {
            context.Fail(path, $"{path}: {error}");
        }
        else if (parsed.IsLastItem && !s_lastItemAllowed.Contains(key))
        {
            context.Fail(path, $"{path} '{text}': '{JsonPath.LastItemPrefix}' paths are allowed only in cursor_path and next_offset_path; this value is read from the page body");
        }
    }

    private static void CheckPlacement(string key, ParamPlacement placement, RequestSpec? request, ValidationContext<RunnerDefinition> context)
    {
        var path = $"pagination.{key}";
        if (placement.In is null || !ParamLocations.All.Contains(placement.In))
        {
            context.Fail($"{path}.in", $"{path}.in '{placement.In}' is not supported; use one of: {string.Join(", ", ParamLocations.All)}");
            return;
        }

        if (string.IsNullOrWhiteSpace(placement.Name))
        {
            context.Fail($"{path}.name", placement.In == ParamLocations.Body
                ? $"{path}.name is required: a JSON Pointer into the request body, e.g. '/variables/after'"
                : $"{path}.name is required: the {placement.In} parameter's name, e.g. 'cursor'");
            return;
        }

        switch (placement.In)
        {
            case ParamLocations.Header:
                if (!HeaderRules.IsValidName(placement.Name))
                {
                    context.Fail($"{path}.name", $"{path}.name '{placement.Name}' is not a valid header name; use {HeaderRules.AllowedNameCharacters}");
                }
                else if (HeaderRules.IsRestricted(placement.Name) || HeaderRules.IsAccessToken(placement.Name))
                {
                    context.Fail($"{path}.name", $"{path}.name '{placement.Name}' cannot carry a pagination value: the gateway owns this header");
                }

                break;

            case ParamLocations.Body:
                if (!placement.Name.StartsWith('/'))
                {
                    context.Fail($"{path}.name", $"{path}.name '{placement.Name}' must be a JSON Pointer into the request body starting with '/', e.g. '/variables/after'");
                }
                else if (!JsonPath.TryParse(placement.Name, out _, out var error))
                {
                    context.Fail($"{path}.name", $"{path}.name: {error}");
                }

                if (request is not null
                    && (request.Method != "POST" || request.Body is not { ValueKind: JsonValueKind.Object or JsonValueKind.Array }))
                {
                    context.Fail($"{path}.in", $"{path}.in 'body' needs request.method POST and a JSON request.body to write into; use 'query' or 'header' otherwise");
                }

                break;
        }
    }

    private static void CheckNumbers(PaginationSpec spec, ValidationContext<RunnerDefinition> context)
    {
        if (spec.StartPage is < 0)
        {
            context.Fail("pagination.start_page", $"pagination.start_page is {spec.StartPage}; use 0 or more (default {RunnerDefaults.StartPage})");
        }

        if (spec.PageSize is < 1 or > MaxPageSize)
        {
            context.Fail("pagination.page_size", string.Create(CultureInfo.InvariantCulture, $"pagination.page_size is {spec.PageSize}; allowed 1..{MaxPageSize:N0} (items per page the API returns)"));
        }

        if (spec.Limit is < 1 or > MaxPageSize)
        {
            context.Fail("pagination.limit", string.Create(CultureInfo.InvariantCulture, $"pagination.limit is {spec.Limit}; allowed 1..{MaxPageSize:N0} (default {RunnerDefaults.Limit})"));
        }

        if (spec.StartOffset is < 0)
        {
            context.Fail("pagination.start_offset", $"pagination.start_offset is {spec.StartOffset}; use 0 or more (default {RunnerDefaults.StartOffset})");
        }

        if (spec.Script is { Length: > MaxScriptLength })
        {
            context.Fail("pagination.script", string.Create(CultureInfo.InvariantCulture, $"pagination.script is {spec.Script.Length:N0} characters long; at most {MaxScriptLength:N0} allowed"));
        }
    }

    private static void CheckStyleRequirements(PaginationSpec spec, LimitsSpec? limits, ValidationContext<RunnerDefinition> context)
    {
        switch (spec.Style)
        {
            case PaginationStyles.Cursor:
                if (spec.CursorPath is null)
                {
                    context.Fail("pagination.cursor_path", "pagination.cursor_path is required for style cursor: where the next cursor is, e.g. 'meta.next_cursor' or '$last_item.id'");
                }

                if (spec.CursorParam is null)
                {
                    context.Fail("pagination.cursor_param", "pagination.cursor_param is required for style cursor: where to send the cursor, e.g. { \"in\": \"query\", \"name\": \"starting_after\" }");
                }

                break;

            case PaginationStyles.Script:
                if (string.IsNullOrWhiteSpace(spec.Script))
                {
                    context.Fail("pagination.script", "pagination.script is required for style script: the paging script run after each page");
                }

                break;

            case PaginationStyles.PageNumber:
                if (spec.PageSizeParam is not null && spec.PageSize is null)
                {
                    context.Fail("pagination.page_size", "pagination.page_size is required when pagination.page_size_param is set: it is the value sent");
                }

                // The loop owns the empty-page stop; with it off, page_number ends on a short page or the reported
                // total. Without either, only the max_pages safety cap would end it: every run would fetch max_pages pages.
                if (limits is { StopOnEmptyPage: false } && spec.PageSize is null && spec.TotalPagesPath is null)
                {
                    context.Fail("pagination", "style page_number with limits.stop_on_empty_page false could stop only at limits.max_pages: set pagination.page_size (a short page stops), pagination.total_pages_path (the total stops), or limits.stop_on_empty_page true");
                }

                break;
        }
    }

    /// <summary>
    /// Two pagination parameters of one request in the same place would overwrite each other (page and page size
    /// both on query <c>page</c> sends only one of them). Defaults count; header names compare case-insensitively;
    /// body pointers clash when equal or one inside the other. A static parameter already in <c>request.url</c>
    /// is not a clash: the pagination parameter replacing it is intended (a <c>?page=1</c> copied from the docs).
    /// </summary>
    private static void CheckClashes(PaginationSpec spec, ValidationContext<RunnerDefinition> context)
    {
        var (first, firstName, second, secondName) = spec.Style switch
        {
            PaginationStyles.PageNumber => (spec.PageParam, "page_param", spec.PageSizeParam, "page_size_param"),
            PaginationStyles.Offset => (spec.OffsetParam, "offset_param", spec.LimitParam, "limit_param"),
            _ => default,
        };

        if (firstName is null || (second is null && spec.Style == PaginationStyles.PageNumber))
        {
            return;
        }

        var firstDefaulted = first is null;
        var secondDefaulted = second is null;
        first ??= ParamPlacement.Query(spec.Style == PaginationStyles.PageNumber ? RunnerDefaults.PageParamName : RunnerDefaults.OffsetParamName);
        second ??= ParamPlacement.Query(RunnerDefaults.LimitParamName);
        if (!Clash(first, second))
        {
            return;
        }

        var where = first.In == ParamLocations.Body && !string.Equals(first.Name, second.Name, StringComparison.Ordinal)
            ? $"body pointers '{first.Name}' and '{second.Name}' (one inside the other)"
            : $"{first.In} '{first.Name}'";
        context.Fail($"pagination.{secondName}",
            $"pagination.{firstName}{(firstDefaulted ? " (default)" : string.Empty)} and pagination.{secondName}{(secondDefaulted ? " (default)" : string.Empty)} "
            + $"are the same parameter ({where}): one would overwrite the other on every request; give them different names");
    }

    private static bool Clash(ParamPlacement a, ParamPlacement b)
    {
        if (a.Name is null || b.Name is null || !string.Equals(a.In, b.In, StringComparison.Ordinal))
        {
            return false;
        }

        return a.In switch
        {
            ParamLocations.Header => string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase),
            ParamLocations.Body => Nested(a.Name, b.Name) || Nested(b.Name, a.Name),
            _ => string.Equals(a.Name, b.Name, StringComparison.Ordinal),
        };

        // Pointer tokens never hold a raw '/' (it is escaped as ~1), so a prefix ending at '/' is a parent.
        static bool Nested(string outer, string inner) =>
            string.Equals(outer, inner, StringComparison.Ordinal)
            || (inner.StartsWith(outer, StringComparison.Ordinal) && (outer.EndsWith('/') || inner[outer.Length] == '/'));
    }

    private sealed record PaginationKey(string Name, Func<PaginationSpec, object?> Get, string[] Styles);
}
