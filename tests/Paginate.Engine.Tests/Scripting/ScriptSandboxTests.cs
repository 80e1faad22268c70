using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptSandboxTests
{
    [Fact]
    public void StepBudget_Exceeded_IsRuntimeErrorWithPosition()
    {
        var source = string.Concat(Enumerable.Repeat("var a = 1 + 2 + 3;\n", 50));
        var error = ScriptHarness.RunError(source, new ScriptLimits { MaxSteps = 100 });
        Assert.Contains("more than 100 steps", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line is > 1 and <= 50);
    }

    [Fact]
    public void StepBudget_IsPerPage()
    {
        var harness = new ScriptHarness("var a = 1 + 2;", new ScriptLimits { MaxSteps = 3 });
        for (int i = 0; i < 5; i++)
        {
            Assert.Null(harness.Page().Error);
        }
    }

    [Fact]
    public void StringCap_ConcatenationBeyondCap_IsRuntimeError()
    {
        var limits = new ScriptLimits { MaxStringLength = 64 };
        var error = ScriptHarness.RunError("var s = \"0123456789\";\ns = s + s + s + s;\ns = s + s;", limits);
        Assert.Equal(3, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains("longer than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringCap_AppliesToValuesReadFromTheBody()
    {
        var json = "{\"big\": \"" + new string('x', 100) + "\", \"obj\": {\"a\": \"" + new string('y', 100) + "\"}}";
        var limits = new ScriptLimits { MaxStringLength = 50 };
        Assert.Contains("longer than 50", ScriptHarness.RunError("var s = @response.body.get(\"/big\");", limits, json).Message, StringComparison.Ordinal);
        Assert.Contains("longer than 50", ScriptHarness.RunError("var s = @response.body.get(\"/obj\");", limits, json).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayCap_IsEnforced()
    {
        Assert.Contains("more than 2 items", ScriptHarness.ParseError("var a = [1, 2, 3];", new ScriptLimits { MaxArrayLength = 2 }).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var a = 1 / 0;", 1, 11, "division by zero")]
    [InlineData("var a = 5 % (2 - 2);", 1, 11, "division by zero")]
    [InlineData("var a = \"a\" - 1;", 1, 13, "operator '-' needs numbers, got string and number")]
    [InlineData("var a = true * 2;", 1, 14, "operator '*' needs numbers, got boolean and number")]
    [InlineData("var a = null + 1;", 1, 14, "operator '+' needs numbers, got null and number")]
    [InlineData("var a = 1 < \"2\";", 1, 11, "compares two numbers or two strings")]
    [InlineData("var a = 1 && true;", 1, 11, "operator '&&' needs booleans, got number")]
    [InlineData("var a = !1;", 1, 9, "operator '!' needs a boolean")]
    [InlineData("var a = -\"x\";", 1, 9, "operator '-' needs a number")]
    [InlineData("var a = 1[0];", 1, 10, "only an array can be indexed")]
    [InlineData("var a = [1][\"0\"];", 1, 13, "index must be a whole number")]
    [InlineData("var a = [[1]];", 1, 10, "cannot be an array")]
    [InlineData("var a = 1e308;", 1, 10, "followed by a letter")]
    [InlineData("@pager.stop(1);", 1, 13, "@pager.stop needs a boolean, got number")]
    [InlineData("var a = @increment(\"abc\");", 1, 20, "not a number")]
    [InlineData("var a = @decrement(null);", 1, 20, "needs a number, got null")]
    [InlineData("@request.query.put(true, 1);", 1, 20, "needs a string as argument 1, got boolean")]
    [InlineData("@request.header.put(\"a\", [1]);", 1, 26, "must be a string, number or boolean, got array")]
    [InlineData("@request.body.set(\"{nope\");", 1, 19, "not valid JSON")]
    [InlineData("var a = @json.get(\"/a\", \"[1,\");", 1, 25, "not valid JSON")]
    [InlineData("@request.uri.set(\"ftp://x/y\");", 1, 1, "absolute http(s) URI")]
    [InlineData("@request.uri.set(1);", 1, 18, "needs a string, got number")]
    [InlineData("@request.uri.replace(\"nope\", 1);", 1, 22, "neither")]
    [InlineData("@request.ratelimit.set(429, null, 0, 0);", 1, 24, "array of status codes")]
    [InlineData("@request.ratelimit.set([42], null, 0, 0);", 1, 24, "from 100 to 599")]
    [InlineData("@request.ratelimit.set([429], 5, 0, 0);", 1, 31, "header name or null")]
    [InlineData("@request.ratelimit.set([429], null, -1, 0);", 1, 37, "wait must be a whole number from 0 to 300000")]
    [InlineData("@request.ratelimit.set([429], null, 10, 11);", 1, 41, "retry must be a whole number from 0 to 10")]
    [InlineData("var a = 1e0;", 1, 10, "followed by a letter")]
    [InlineData("@request.header.put(\"Host\", \"internal\");", 1, 21, "managed by the HTTP client")]
    [InlineData("@request.header.put(\"X-A: b\", \"c\");", 1, 21, "HTTP token")]
    [InlineData("@request.header.put(\"X-A\", \"b\\r\\nX-Evil: 1\");", 1, 28, "line breaks")]
    public void RuntimeAndTypeErrors_NameLineAndColumn(string source, int line, int column, string message)
    {
        ScriptError error;
        if (!ScriptProgram.TryParse(source, out var program, out var parseError))
        {
            error = parseError;
        }
        else
        {
            _ = program;
            error = ScriptHarness.RunError(source);
        }

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void Overflow_IsRuntimeError()
    {
        var source = "var a = 9" + new string('9', 307) + " * 10;";
        Assert.Contains("overflowed", ScriptHarness.RunError(source).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeError_KeepsLogsWrittenBeforeIt()
    {
        var outcome = new ScriptHarness("@log(\"before\");\nvar a = 1 / 0;").Page();
        Assert.Equal(["before"], outcome.Logs);
        Assert.Equal("line 2, column 11: division by zero", outcome.Error!.ToString());
    }

    [Fact]
    public void ForwardedHeader_ReadByScript_IsMaskedInLog_AlsoWhenConcatenated()
    {
        var outcome = new ScriptHarness("""
            var auth = @request.header.get("authorization");
            var copy = "Bearer " + auth;
            var arr = ["x", auth];
            @log(auth);
            @log("value:", copy, arr[0], @toString(auth), @json.add("/a", auth, "{}"));
            @log("len ok", auth == null);
            """).Page();
        Assert.Null(outcome.Error);
        Assert.Equal(["***", "value: *** *** *** ***", "len ok false"], outcome.Logs);
        Assert.DoesNotContain(outcome.Logs, l => l.Contains(ScriptHarness.ForwardedCanary, StringComparison.Ordinal));
    }

    [Fact]
    public void ForwardedValue_PutIntoAnotherHeaderOrTheBody_StaysSecret()
    {
        var harness = new ScriptHarness("""
            @request.header.put("X-Copy", @request.header.get("Authorization"));
            @request.body.put("/token", @request.header.get("Authorization"));
            @log(@request.header.get("X-Copy"), @request.body.get("/token"));
            """, body: "{}");
        var outcome = harness.Page();
        Assert.Equal(["*** ***"], outcome.Logs);
        Assert.True(harness.Request.Headers.Single(h => h.Name == "X-Copy").Secret);
    }

    [Fact]
    public void SecretStrings_AreMaskedWhereverTheyAppearInALogLine()
    {
        const string key = "key_canary_5521";
        var harness = new ScriptHarness("""
            @log(@request.uri.get());
            @log("k=" + @request.query.get("api_key"));
            @log(@response.body.get("/echo"));
            """, url: $"https://api.example.com/items?api_key={key}&page=1", secrets: [key]);
        var outcome = harness.Page($$"""{ "echo": "/items?api_key={{key}}&page=2" }""");
        Assert.Null(outcome.Error);
        Assert.Equal(3, outcome.Logs.Count);
        Assert.All(outcome.Logs, l => Assert.DoesNotContain(key, l, StringComparison.Ordinal));
        Assert.Equal("/items?api_key=***&page=2", outcome.Logs[2]);
    }

    [Fact]
    public void ErrorMessages_NeverEchoValues()
    {
        var error = ScriptHarness.RunError("var a = @toNumber(@request.header.get(\"Authorization\"));");
        Assert.DoesNotContain(ScriptHarness.ForwardedCanary, error.ToString(), StringComparison.Ordinal);
        var json = ScriptHarness.RunError("@request.body.set(\"{" + ScriptHarness.ForwardedCanary + "\");");
        Assert.DoesNotContain(ScriptHarness.ForwardedCanary, json.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ScriptChangingNothing_LeavesRequestEqual()
    {
        var harness = new ScriptHarness("var n = @response.body.get(\"/next\"); @log(n);");
        var before = harness.Request.Clone();
        harness.Page("{\"next\": null}");
        Assert.True(harness.Request.SameAs(before));

        var changed = new ScriptHarness("@request.query.put(\"page\", 2);");
        var original = changed.Request.Clone();
        changed.Page();
        Assert.False(changed.Request.SameAs(original));
    }

    [Fact]
    public void KeptState_GrowingAcrossPages_IsRuntimeErrorOnThePageThatCrossesTheBound()
    {
        // Each page adds a 500-character query parameter: every page is small, the run is not.
        var value = new string('q', 500);
        var harness = new ScriptHarness($"var n = @pager.pageCount();\n@request.query.put(\"p\" + n, \"{value}\");", new ScriptLimits { MaxStateLength = 2000 });
        Assert.Null(harness.Page().Error);
        Assert.Null(harness.Page().Error);
        Assert.Null(harness.Page().Error);
        var error = harness.Page().Error;
        Assert.Equal("line 2, column 1: the script keeps more than 2000 characters from page to page (variables and the next request)", error!.ToString());
    }

    [Fact]
    public void KeptState_VariableGrowingAcrossPages_IsRuntimeError()
    {
        var chunk = new string('v', 500);
        var harness = new ScriptHarness($"var acc = (acc ?? \"\") + \"{chunk}\";", new ScriptLimits { MaxStateLength = 2000 });
        Assert.Null(harness.Page().Error);
        Assert.Null(harness.Page().Error);
        Assert.Null(harness.Page().Error);
        Assert.Contains("keeps more than 2000 characters", harness.Page().Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1500, harness.Variable("acc").AsString.Length);
    }
}
