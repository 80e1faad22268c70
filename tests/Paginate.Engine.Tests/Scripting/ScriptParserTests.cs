using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptParserTests
{
    [Fact]
    public void Statements_MayShareALineOrSpanLines()
    {
        Assert.True(ScriptProgram.TryParse("var a = 1; var b = a +\n 2;   @log(a,\n b);", out var program, out _));
        Assert.Equal(3, program.Statements.Count);
        Assert.Equal(["a", "b"], program.VariableNames);
    }

    [Fact]
    public void Nodes_CarryThePositionOfTheirFirstToken()
    {
        Assert.True(ScriptProgram.TryParse("var a = 1;\n  a = (a + 2) * 3;\n@pager.stop(a > 4);", out var program, out _));
        var assign = program.Statements[1];
        Assert.Equal((2, 3), (assign.Line, assign.Column));
        var product = Assert.IsType<BinaryExpression>(assign.Expression);
        Assert.Equal((2, 15), (product.Line, product.Column));
        var sum = Assert.IsType<BinaryExpression>(product.Left);
        Assert.Equal((2, 10), (sum.Line, sum.Column));
        var stop = Assert.IsType<OperationExpression>(program.Statements[2].Expression);
        Assert.Equal((3, 1), (stop.Line, stop.Column));
        Assert.Equal(ScriptOperation.PagerStop, stop.Operation.Operation);
        var comparison = Assert.IsType<BinaryExpression>(stop.Arguments[0]);
        Assert.Equal((3, 15), (comparison.Line, comparison.Column));
    }

    [Fact]
    public void EveryOperationName_Parses()
    {
        foreach (var operation in ScriptOperations.All)
        {
            var args = string.Join(", ", Enumerable.Repeat("1", operation.MinArguments));
            Assert.True(ScriptProgram.TryParse($"@{operation.Name}({args});", out _, out var error), operation.Name + ": " + error);
        }
    }

    [Theory]
    [InlineData("var a = 1", 1, 10, "expected ';' after the statement, found end of script")]
    [InlineData("var a = 1\nvar b = 2;", 2, 1, "expected ';' after the statement, found 'var'")]
    [InlineData("@pager.halt(true);", 1, 1, "unknown operation '@pager.halt'")]
    [InlineData("var a = 1;\n  @log(b);", 2, 8, "unknown variable 'b'")]
    [InlineData("c = 2;", 1, 1, "unknown variable 'c'")]
    [InlineData("@pager.stop();", 1, 1, "'@pager.stop' takes 1 argument, got 0")]
    [InlineData("@request.query.put(\"a\");", 1, 1, "takes 2 arguments, got 1")]
    [InlineData("var a = 1; a + 1;", 1, 12, "expected a statement")]
    [InlineData("var a = ;", 1, 9, "expected a value, found ';'")]
    [InlineData("var = 3;", 1, 5, "expected a variable name after 'var'")]
    [InlineData("var a = (1 + 2;", 1, 15, "expected ')'")]
    [InlineData("var a = [1, 2;", 1, 14, "expected ',' or ']' in the array")]
    [InlineData("var a = @log(1 2);", 1, 16, "expected ',' or ')' after the arguments")]
    [InlineData("var a = pager.pageCount();", 1, 9, "operations start with '@'")]
    [InlineData("var a = @ 1;", 1, 11, "expected an operation name after '@'")]
    [InlineData("var a = @response.;", 1, 19, "expected a name after '.'")]
    [InlineData("var a = @pager.pageCount;", 1, 25, "expected '(' after '@pager.pageCount'")]
    [InlineData("@pager.pageCount() + 1;", 1, 1, "a statement must be")]
    [InlineData("var 1a = 2;", 1, 6, "followed by a letter")]
    public void SyntaxErrors_NameLineColumnAndProblem(string source, int line, int column, string message)
    {
        var error = ScriptHarness.ParseError(source);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"line {line}, column {column}: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyScript_OrOnlyComments_IsRejected()
    {
        Assert.Contains("empty", ScriptHarness.ParseError("  // nothing\n /* here */ ").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNesting_IsSyntaxError_NotStackOverflow()
    {
        var error = ScriptHarness.ParseError("var a = " + new string('(', 10_000) + "1" + new string(')', 10_000) + ";");
        Assert.Contains("nested deeper than 64", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        var unary = ScriptHarness.ParseError("var a = " + string.Concat(Enumerable.Repeat("!", 10_000)) + "true;");
        Assert.Contains("nested deeper", unary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SourceLongerThanCap_IsRejected()
    {
        var error = ScriptHarness.ParseError("@log(1);" + new string(' ', 100), new ScriptLimits { MaxSourceLength = 50 });
        Assert.Contains("longer than 50", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArrayLiteral_LongerThanCap_IsSyntaxError()
    {
        var error = ScriptHarness.ParseError("var a = [1, 2, 3, 4];", new ScriptLimits { MaxArrayLength = 3 });
        Assert.Contains("more than 3 items", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 9), (error.Line, error.Column));
    }

    [Fact]
    public void TooManyVariables_IsSyntaxError()
    {
        var source = string.Concat(Enumerable.Range(0, 5).Select(i => $"var v{i} = {i};"));
        Assert.Contains("more than 4 variables", ScriptHarness.ParseError(source, new ScriptLimits { MaxVariables = 4 }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variable_MayBeUsedBeforeItsDeclarationLine()
    {
        Assert.True(ScriptProgram.TryParse("@log(seen);\nvar seen = 1;", out _, out _));
    }
}
