using System.Text;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptStrategyTests
{
    private static IReadOnlyDictionary<string, string[]> Errors(string? script)
    {
        var errors = new FieldErrors();
        Assert.False(PagingStrategies.TryCreate(new PaginationSpec { Style = PaginationStyles.Script, Script = script }, errors, out _));
        return errors.ToDictionary();
    }

    [Fact]
    public void SyntaxError_IsReportedUnderPaginationScript_WithPosition()
    {
        var errors = Errors("var a = 1;\n@pager.halt(true);");
        Assert.Equal(["line 2, column 1: unknown operation '@pager.halt'"], errors["pagination.script"]);
    }

    [Fact]
    public void UnknownVariable_IsReportedAtCreation()
    {
        Assert.StartsWith("line 1, column 13: unknown variable 'nxt'", Assert.Single(Errors("@pager.stop(nxt == null);")["pagination.script"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void MissingScript_IsRequired(string? script) =>
        Assert.Equal(["script is required for style script."], Errors(script)["pagination.script"]);

    [Fact]
    public void ValidScript_CompilesToScriptStrategy()
    {
        var strategy = ScriptLoopDriver.Compile("@pager.stop(true);");
        Assert.Equal(PaginationStyles.Script, strategy.Name);
    }

    [Fact]
    public void Start_KeepsTheConfiguredRequest_AndOpensARun()
    {
        var strategy = ScriptLoopDriver.Compile("@pager.stop(true);");
        var request = new PageRequest { Method = HttpMethod.Post, Uri = new Uri("https://api.example.com/x?a=1"), Body = Encoding.UTF8.GetBytes("{\"v\":1}") };
        var decision = strategy.Start(request);
        Assert.Same(request, decision.Next);
        Assert.Equal(0, decision.State.Script!.Run.PageCount);
    }

    [Fact]
    public void EachRun_HasItsOwnVariables()
    {
        var strategy = ScriptLoopDriver.Compile("var n = (n ?? 0) + 1; @request.query.put(\"n\", n);");
        var request = new PageRequest { Method = HttpMethod.Get, Uri = new Uri("https://api.example.com/x") };
        var one = Next(strategy, strategy.Start(request));
        var two = Next(strategy, strategy.Start(request));
        Assert.Equal("https://api.example.com/x?n=1", one.Next!.Uri.AbsoluteUri);
        Assert.Equal("https://api.example.com/x?n=1", two.Next!.Uri.AbsoluteUri);
        Assert.Equal("https://api.example.com/x?n=2", Next(strategy, one, 2).Next!.Uri.AbsoluteUri);
    }

    [Fact]
    public void UnchangedBody_KeepsItsBytes_ChangedBodyIsRewritten()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"q\" : \"x\",  \"v\": {\"page\": 1} }");
        var request = new PageRequest { Method = HttpMethod.Post, Uri = new Uri("https://api.example.com/gql"), Body = bytes };
        var keep = ScriptLoopDriver.Compile("@request.header.put(\"X-Page\", 2);");
        Assert.Same(bytes, Next(keep, keep.Start(request)).Next!.Body);
        var change = ScriptLoopDriver.Compile("@request.body.put(\"/v/page\", 2);");
        Assert.Equal("{\"q\":\"x\",\"v\":{\"page\":2}}", Encoding.UTF8.GetString(Next(change, change.Start(request)).Next!.Body!));
    }

    private static PageDecision Next(IPagingStrategy strategy, PageDecision previous, int pageCount = 1)
    {
        using var document = System.Text.Json.JsonDocument.Parse("{\"items\":[]}");
        var items = document.RootElement.GetProperty("items");
        var page = new PageContext(previous.Next!, new PageResponse(200, null, null, document.RootElement, items), previous.State, pageCount, 0);
        var decision = strategy.Next(page);
        Assert.Null(decision.ErrorCode);
        return decision;
    }

    [Theory]
    [InlineData(403, null, 0, 100)]
    [InlineData(403, 2000, 1, 2000)]
    [InlineData(429, 50, 0, 100)]
    [InlineData(403, null, 2, null)]
    [InlineData(500, null, 0, null)]
    [InlineData(null, null, 0, null)]
    public void RetryThrottled_AllowListedStatus_WaitsTheLongerOfWaitAndRetryAfter_UpToTheRetryCount(int? status, int? retryAfterMs, int retried, int? expectedMs)
    {
        var strategy = ScriptLoopDriver.Compile("@request.ratelimit.set([403, 429], null, 100, 2);");
        var request = new PageRequest { Method = HttpMethod.Get, Uri = new Uri("https://api.example.com/x") };
        var state = strategy.Start(request).State;
        state = state with { Script = state.Script! with { Run = state.Script.Run with { RateLimit = new ScriptRateLimit([403, 429], null, 100, 2) } } };
        var retryAfter = retryAfterMs is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;

        var wait = strategy.RetryThrottled(state, status, retryAfter, retried);

        Assert.Equal(expectedMs is { } e ? TimeSpan.FromMilliseconds(e) : null, wait);
    }

    [Fact]
    public void RetryThrottled_BeforeTheScriptSetARateLimit_IsNull()
    {
        var strategy = ScriptLoopDriver.Compile("@request.ratelimit.set([403], null, 100, 2);");
        var state = strategy.Start(new PageRequest { Method = HttpMethod.Get, Uri = new Uri("https://api.example.com/x") }).State;
        Assert.Null(strategy.RetryThrottled(state, 403, null, 0));
    }
}
