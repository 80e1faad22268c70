using System.Runtime.CompilerServices;
using Paginate.Engine.Json;
using Paginate.Engine.Paging.Strategies;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;

namespace Paginate.Engine.Paging;

/// <summary>
/// What the loop needs from a compiled runner: its strategy, items path and shaper. Built once per
/// runner and kept as long as the runner lives (runners are immutable, so it is never stale).
/// </summary>
internal sealed class RunnerPlan
{
    private static readonly ConditionalWeakTable<CompiledRunner, RunnerPlan> s_plans = new();

    private RunnerPlan(IPagingStrategy strategy, JsonPath itemsPath, IItemShaper shaper)
    {
        Strategy = strategy;
        ItemsPath = itemsPath;
        Shaper = shaper;
    }

    public IPagingStrategy Strategy { get; }

    public JsonPath ItemsPath { get; }

    public IItemShaper Shaper { get; }

    public static RunnerPlan For(CompiledRunner runner) => s_plans.GetValue(runner, Create);

    private static RunnerPlan Create(CompiledRunner runner)
    {
        var definition = runner.Definition;
        var errors = new Dictionary<string, List<string>>();
        if (!PagingStrategies.TryCreate(definition.Pagination, errors, out var strategy))
        {
            // A compiled runner passed the same checks; reaching this is a programming error.
            throw new InvalidOperationException($"The runner's pagination cannot run: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }

        var itemsText = definition.Response.ItemsPath ?? string.Empty;
        if (!JsonPath.TryParse(itemsText, out var itemsPath, out var error))
        {
            throw new InvalidOperationException($"The runner's items_path is invalid: {error}");
        }

        return new RunnerPlan(strategy, itemsPath, ItemShapers.Create(definition.Shape));
    }
}
