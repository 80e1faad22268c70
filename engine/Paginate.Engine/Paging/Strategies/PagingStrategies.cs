using System.Diagnostics.CodeAnalysis;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Paging.Strategies;

/// <summary>Looks up and builds the strategy of a style, compiling its paths.</summary>
internal static class PagingStrategies
{
    /// <summary>
    /// Builds the strategy for a normalized (defaults filled) pagination spec. Path errors are added to
    /// <paramref name="errors"/> keyed by field path, e.g. <c>pagination.cursor_path</c>.
    /// </summary>
    public static bool TryCreate(PaginationSpec spec, IDictionary<string, List<string>> errors, [NotNullWhen(true)] out IPagingStrategy? strategy)
    {
        _ = (spec, errors);
        throw new NotImplementedException("engine: strategies");
    }
}
