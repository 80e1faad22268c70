using Paginate.Engine.Runners;
using Paginate.Engine.Tests.Paging;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Shaping;

/// <summary><c>meta.type_errors</c> through a real run: counted over every page, absent without typed fields.</summary>
public sealed class TypedFieldRunTests
{
    private static async Task<LoopOutcome> RunAsync(params string[] fields)
    {
        await using var upstream = await LoopbackUpstream.StartAsync("/items", ctx => Respond(ctx, ctx.Request.Query["page"].ToString() switch
        {
            "1" => """{"data":[{"id":"1","amount":"9.90","live":"true"},{"id":"2","amount":"n/a","live":"yes"}]}""",
            "2" => """{"data":[{"id":"3","amount":null,"live":false}]}""",
            _ => """{"data":[]}""",
        }));

        return await LoopHarness.RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/items").ToString() },
            Pagination = new() { Style = PaginationStyles.PageNumber },
            Response = new() { ItemsPath = "data" },
            Shape = new() { Mode = ShapeModes.Select, Fields = fields },
            Limits = FastLimits,
        });
    }

    [Fact]
    public async Task TypedFields_ConvertValuesAndCountFailuresInMeta()
    {
        var outcome = await RunAsync("id:id:integer", "amount:amount:number", "live:live:boolean");

        Assert.Equal(2, outcome.Result.TypeErrors);
        Assert.Equal(2, outcome.Meta!.Value.GetProperty("type_errors").GetInt64());
        Assert.Equal(
            ["""{"id":1,"amount":9.90,"live":true}""", """{"id":2,"amount":null,"live":null}""", """{"id":3,"amount":null,"live":false}"""],
            outcome.Items.Select(i => i.GetRawText()));
    }

    [Fact]
    public async Task TypedFields_WithoutFailures_ReportZero()
    {
        var outcome = await RunAsync("id:id:integer");

        Assert.Equal(0, outcome.Meta!.Value.GetProperty("type_errors").GetInt64());
    }

    [Fact]
    public async Task UntypedFields_KeepTheV1MetaWithoutTypeErrors()
    {
        var outcome = await RunAsync("id:id", "amount:amount");

        Assert.Null(outcome.Result.TypeErrors);
        Assert.Equal(
            ["runner_id", "pages", "items", "stop_reason", "duration_ms", "retries", "upstream_status", "partial"],
            outcome.Meta!.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal("""{"id":"2","amount":"n/a"}""", outcome.Items[1].GetRawText());
    }
}
