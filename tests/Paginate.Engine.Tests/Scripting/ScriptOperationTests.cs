using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptOperationTests
{
    private const string Page = """
        { "page": 2, "ratio": 0.5, "done": false, "next": "/v1/items?page=3", "none": null,
          "data": [ { "id": "a1" }, { "id": "a2", "tags": ["x"] } ], "a/b": { "m~n": 7 } }
        """;

    private static ScriptHarness Run(string source, string json = Page, string url = "https://api.example.com/v1/items?limit=10",
        string? body = null, params (string, string)[] headers)
    {
        var harness = new ScriptHarness(source, url: url, body: body);
        var outcome = harness.Page(json, 200, headers);
        Assert.Null(outcome.Error);
        return harness;
    }

    private static ScriptValue R(string expression, string json = Page, params (string, string)[] headers) =>
        Run($"var r = {expression};", json, headers: headers).Variable("r");

    [Fact]
    public void ResponseBodyGet_ReturnsTypedValues_ByJsonPointer()
    {
        Assert.Equal(2, R("@response.body.get(\"/page\")").AsNumber);
        Assert.Equal(0.5, R("@response.body.get(\"/ratio\")").AsNumber);
        Assert.False(R("@response.body.get(\"/done\")").AsBoolean);
        Assert.Equal("a2", R("@response.body.get(\"/data/1/id\")").AsString);
        Assert.Equal("a2", R("@response.body.get(\"/data/-1/id\")").AsString);
        Assert.Equal(7, R("@response.body.get(\"/a~1b/m~0n\")").AsNumber);
        Assert.Equal(2, R("@response.body.get(\"page\")").AsNumber);
        Assert.True(R("@response.body.get(\"/none\")").IsNull);
        Assert.True(R("@response.body.get(\"/missing/deeper\")").IsNull);
        Assert.True(R("@response.body.get(\"/data/9/id\")").IsNull);
        Assert.Equal("""{ "id": "a1" }""", R("@response.body.get(\"/data/0\")").AsString);
        Assert.Equal("""["x"]""", R("@response.body.get(\"/data/1/tags\")").AsString);
    }

    [Fact]
    public void LargeIntegers_StayExact_AsStrings()
    {
        const string json = """{ "next_cursor": 1374004777531007833, "small": 9007199254740992, "huge": 1e400 }""";
        Assert.Equal("1374004777531007833", R("@response.body.get(\"/next_cursor\")", json).AsString);
        Assert.Equal(9007199254740992, R("@response.body.get(\"/small\")", json).AsNumber);
        Assert.Equal("1e400", R("@response.body.get(\"/huge\")", json).AsString);
        var h = Run("@request.query.put(\"cursor\", @response.body.get(\"/next_cursor\"));", json);
        Assert.Equal("https://api.example.com/v1/items?limit=10&cursor=1374004777531007833", h.Request.BuildUri());
        var body = Run("@request.body.put(\"/n\", 5); var n = @request.body.get(\"/n\");", json, body: "{}");
        Assert.Equal(5, body.Variable("n").AsNumber);
    }

    [Fact]
    public void RequestBodyPut_DashAppendsToArray()
    {
        var h = Run("@request.body.put(\"/ids/-\", \"c\");", body: """{"ids":["a","b"]}""");
        Assert.Equal("""{"ids":["a","b","c"]}""", h.Request.Body!.ToJsonString());
    }

    [Fact]
    public void ResponseStatusAndHeaders_AreReadable()
    {
        Assert.Equal(200, R("@response.status.get()").AsNumber);
        Assert.Equal("abc", R("@response.header.get(\"x-next-cursor\")", "{}", ("X-Next-Cursor", "abc")).AsString);
        Assert.Equal("a, b", R("@response.header.get(\"X-Multi\")", "{}", ("X-Multi", "a"), ("X-Multi", "b")).AsString);
        Assert.True(R("@response.header.get(\"X-None\")").IsNull);
    }

    [Fact]
    public void LinkHeader_NextAndLast_GitHubStyle()
    {
        var link = ("Link", "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"");
        Assert.Equal("https://api.github.com/repositories/1/issues?page=2", R("@response.header.getNextLink()", "{}", link).AsString);
        Assert.Equal("https://api.github.com/repositories/1/issues?page=5", R("@response.header.getLastLink()", "{}", link).AsString);
        Assert.True(R("@response.header.getNextLink()", "{}", ("Link", "<https://x/?page=1>; rel=\"prev\"")).IsNull);
        Assert.True(R("@response.header.getNextLink()").IsNull);
    }

    [Fact]
    public void RequestQuery_PutReplacesKeepsOrder_RemoveClearGet()
    {
        var h = Run("""
            @request.query.put("page", 2);
            @request.query.put("limit", "50");
            @request.query.put("q", "a b&c");
            var page = @request.query.get("page");
            var gone = @request.query.get("nope");
            """, url: "https://api.example.com/v1/items?limit=10&sort=id");
        Assert.Equal("https://api.example.com/v1/items?limit=50&sort=id&page=2&q=a%20b%26c", h.Request.BuildUri());
        Assert.Equal("2", h.Variable("page").AsString);
        Assert.True(h.Variable("gone").IsNull);

        var removed = Run("@request.query.remove(\"limit\"); @request.query.put(\"sort\", null);", url: "https://api.example.com/v1/items?limit=10&sort=id&x=1");
        Assert.Equal("https://api.example.com/v1/items?x=1", removed.Request.BuildUri());
        var cleared = Run("@request.query.clear();", url: "https://api.example.com/v1/items?limit=10&sort=id");
        Assert.Equal("https://api.example.com/v1/items", cleared.Request.BuildUri());
    }

    [Fact]
    public void UntouchedQueryParameters_KeepTheirEncoding()
    {
        var h = Run("@request.query.put(\"page\", 2);", url: "https://api.example.com/v1/items?email=a@b.co&q=a+b");
        Assert.Equal("https://api.example.com/v1/items?email=a@b.co&q=a+b&page=2", h.Request.BuildUri());
        Assert.Equal("a b", Run("var r = @request.query.get(\"q\");", url: "https://api.example.com/?q=a+b").Variable("r").AsString);
    }

    [Fact]
    public void RequestHeader_PutRemoveClearGet_CaseInsensitive()
    {
        var h = Run("""
            @request.header.put("X-Cursor", "c1");
            @request.header.put("x-cursor", "c2");
            var c = @request.header.get("X-CURSOR");
            @request.header.remove("accept");
            """);
        Assert.Equal("c2", h.Variable("c").AsString);
        Assert.DoesNotContain(h.Request.Headers, f => f.Name.Equals("Accept", StringComparison.OrdinalIgnoreCase));
        Assert.Single(h.Request.Headers, f => f.Name.Equals("x-cursor", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Run("@request.header.clear();").Request.Headers);
    }

    [Fact]
    public void RequestBody_PutGetRemoveSetClear_WithPointers()
    {
        const string graphql = """{"query":"query($after:String){ items(after:$after){ id } }","variables":{"first":50}}""";
        var h = Run("""
            @request.body.put("/variables/after", "cur_9");
            @request.body.put("/variables/page", 3);
            @request.body.put("/paging/deep/flag", true);
            var after = @request.body.get("/variables/after");
            var first = @request.body.get("/variables/first");
            @request.body.remove("/variables/first");
            """, body: graphql);
        Assert.Equal("cur_9", h.Variable("after").AsString);
        Assert.Equal(50, h.Variable("first").AsNumber);
        Assert.Equal("""{"after":"cur_9","page":3}""", h.Request.Body!["variables"]!.ToJsonString());
        Assert.True(h.Request.Body!["paging"]!["deep"]!["flag"]!.GetValue<bool>());

        var set = Run("@request.body.set(\"{\\\"page\\\": 2, \\\"tags\\\": [\\\"a\\\"]}\");", body: "{}");
        Assert.Equal("""{"page":2,"tags":["a"]}""", set.Request.Body!.ToJsonString());
        Assert.Equal("{}", Run("@request.body.clear();", body: graphql).Request.Body!.ToJsonString());
    }

    [Fact]
    public void RequestBodySet_PointerKeyedPairs_SetEachValueKeepingTheRest()
    {
        const string graphql = """{"query":"q","variables":{"first":50}}""";
        var h = Run("""
            var cursor = @response.body.get("/paging/next");
            @request.body.set("{\"/variables/after\": \"" + cursor + "\", \"/variables/page\": 2, \"/paging/deep\": [1]}");
            """, json: """{"paging":{"next":"c_2"}}""", body: graphql);
        Assert.Equal("""{"query":"q","variables":{"first":50,"after":"c_2","page":2},"paging":{"deep":[1]}}""", h.Request.Body!.ToJsonString());
    }

    [Fact]
    public void RequestBodySet_PointerIntoAScalar_IsRuntimeError()
    {
        var error = new ScriptHarness("@request.body.set(\"{\\\"/query/x\\\": 1}\");", body: """{"query":"q"}""").Page().Error;
        Assert.StartsWith("line 1, column 1: @request.body.set:", error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pointer_WithABadEscape_IsARuntimeErrorNotALiteralTilde()
    {
        // One RFC 6901 reading for the engine: "~2" used to be read as the two characters "~2".
        var error = new ScriptHarness("var r = @response.body.get(\"/a~2b\");").Page(Page, 200).Error;
        Assert.Equal(
            "line 1, column 9: @response.body.get: '~' must be followed by 0 or 1 in a JSON Pointer (write '~0' for '~', '~1' for '/') at position 2",
            error!.ToString());
    }

    [Fact]
    public void RequestUri_SetResolvesRelative_AppendAndReplace()
    {
        Assert.Equal("https://api.example.com/v1/items?page=3", Run("@request.uri.set(\"/v1/items?page=3\");").Request.BuildUri());
        Assert.Equal("https://api.example.com/v1/other", Run("@request.uri.set(\"other\");").Request.BuildUri());
        Assert.Equal("https://api.example.com/x?y=1", Run("@request.uri.set(\"https://api.example.com/x?y=1\");").Request.BuildUri());

        Assert.Equal("https://api.example.com/v1/items/page/2?limit=10",
            Run("@request.uri.append(\"/page/2\");").Request.BuildUri());
        Assert.Equal("https://api.example.com/base/next?limit=10&cursor=c%201",
            Run("@request.uri.append(\"/next?cursor=c%201\");", url: "https://api.example.com/base?limit=10").Request.BuildUri());

        Assert.Equal("https://api.example.com/v1/pages/4/items?limit=10",
            Run("@request.uri.replace(\"pages\", 4);", url: "https://api.example.com/v1/pages/3/items?limit=10").Request.BuildUri());
        Assert.Equal("https://api.example.com/v1/a%20b/items",
            Run("@request.uri.replace(\"cursor\", \"a b\");", url: "https://api.example.com/v1/{cursor}/items").Request.BuildUri());
        Assert.Equal("https://api.example.com/v1/items?limit=10", R("@request.uri.get()").AsString);
    }

    [Fact]
    public void Json_GetAddRemove_OnJsonText()
    {
        Assert.Equal(2, R("@json.get(\"/a/b\", \"{\\\"a\\\":{\\\"b\\\":2}}\")").AsNumber);
        Assert.Equal("""{"a":{"b":2}}""", R("@json.get(\"/\", \"{\\\"a\\\":{\\\"b\\\":2}}\")").AsString);
        Assert.Equal("""{"a":1,"b":"x"}""", R("@json.add(\"/b\", \"x\", \"{\\\"a\\\":1}\")").AsString);
        Assert.Equal("""{"a":{"n":[1,2]}}""", R("@json.add(\"/a/n\", [1, 2], \"{}\")").AsString);
        Assert.Equal("""{"b":2}""", R("@json.remove(\"/a\", \"{\\\"a\\\":1,\\\"b\\\":2}\")").AsString);
        var h = Run("""
            var vars = @json.add("/after", @response.body.get("/data/-1/id"), "{}");
            var after = @json.get("/after", vars);
            """);
        Assert.Equal("a2", h.Variable("after").AsString);
    }

    [Fact]
    public void IncrementDecrement_AndConversions()
    {
        Assert.Equal(3, R("@increment(2)").AsNumber);
        Assert.Equal(1, R("@decrement(2)").AsNumber);
        Assert.Equal(11, R("@increment(\"10\")").AsNumber);
        Assert.Equal(3, R("@increment(@response.body.get(\"/page\"))").AsNumber);
        Assert.Equal(42.5, R("@toNumber(\" 42.5 \")").AsNumber);
        Assert.True(R("@toNumber(null)").IsNull);
        Assert.Equal("7", R("@toString(7)").AsString);
        Assert.Equal(20, Run("var o = @toNumber(@request.query.get(\"limit\")) * 2;").Variable("o").AsNumber);
    }

    [Fact]
    public void Pager_PageCountAndStop_EndsThePagesRun()
    {
        var h = new ScriptHarness("""
            var n = @pager.pageCount();
            @pager.stop(n >= 2);
            @request.query.put("page", n + 1);
            """);
        var first = h.Page();
        Assert.False(first.Stop);
        Assert.Equal("https://api.example.com/v1/items?limit=10&page=2", h.Request.BuildUri());
        var second = h.Page();
        Assert.True(second.Stop);
        Assert.Equal("https://api.example.com/v1/items?limit=10&page=2", h.Request.BuildUri());
    }

    [Fact]
    public void PagerStop_NullMeansContinue()
    {
        Assert.False(new ScriptHarness("@pager.stop(@response.body.get(\"/missing\"));").Page().Stop);
    }

    [Fact]
    public void RateLimit_SetIsKeptForTheRun()
    {
        var h = new ScriptHarness("@request.ratelimit.set([429, 403], \"X-RateLimit-Remaining-Zero\", 1500, 3);");
        Assert.Null(h.Page().Error);
        var limit = h.State.RateLimit!;
        Assert.Equal([429, 403], limit.StatusCodes);
        Assert.Equal("X-RateLimit-Remaining-Zero", limit.Header);
        Assert.Equal((1500, 3), (limit.WaitMs, limit.Retries));
    }

    [Fact]
    public void Log_JoinsArgumentsWithSpaces()
    {
        var outcome = new ScriptHarness("@log(\"page\", @pager.pageCount(), true, null, [1, \"a\"]); @log();").Page();
        Assert.Equal(["page 1 true null [1,\"a\"]", ""], outcome.Logs);
    }

    [Fact]
    public void Log_LinesAreCappedPerPageAndInLength()
    {
        var limits = new ScriptLimits { MaxLogLines = 2, MaxLogLineLength = 10 };
        var outcome = new ScriptHarness("@log(\"0123456789abc\"); @log(2); @log(3);", limits).Page();
        Assert.Equal(["0123456789…", "2"], outcome.Logs);
    }
}
