using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptExpressionTests
{
    private static double Number(string expression) => Value(expression) is { Kind: ScriptValueKind.Number } v ? v.AsNumber : throw new InvalidOperationException(Value(expression).TypeName());

    private static ScriptValue Value(string expression) => ScriptHarness.Eval($"var r = {expression};");

    private static string Text(string expression) => Value(expression).AsString;

    private static bool Bool(string expression) => Value(expression).AsBoolean;

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("10 - 4 - 3", 3)]
    [InlineData("100 / 10 / 5", 2)]
    [InlineData("7 % 3 + 1", 2)]
    [InlineData("-2 * -3", 6)]
    [InlineData("-(2 + 3)", -5)]
    [InlineData("2.5 * 2", 5)]
    [InlineData("1 / 4", 0.25)]
    public void Arithmetic_FollowsPrecedenceAndParentheses(string expression, double expected) =>
        Assert.Equal(expected, Number(expression));

    [Theory]
    [InlineData("\"a\" + \"b\" + \"c\"", "abc")]
    [InlineData("\"page=\" + 2", "page=2")]
    [InlineData("1 + 2 + \"x\"", "3x")]
    [InlineData("\"x\" + 1 + 2", "x12")]
    [InlineData("\"v\" + 2.5", "v2.5")]
    [InlineData("\"f\" + false + null", "ffalsenull")]
    [InlineData("\"a\" + [1, \"b\", true]", "a[1,\"b\",true]")]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    public void Plus_ConcatenatesWhenEitherSideIsString(string expression, string expected) =>
        Assert.Equal(expected, Text(expression));

    [Theory]
    [InlineData("1 == 1", true)]
    [InlineData("1 == \"1\"", false)]
    [InlineData("\"a\" != \"b\"", true)]
    [InlineData("null == null", true)]
    [InlineData("null != 0", true)]
    [InlineData("2 < 10", true)]
    [InlineData("\"b\" < \"ab\"", false)]
    [InlineData("3 <= 3", true)]
    [InlineData("4 > 5", false)]
    [InlineData("5 >= 5", true)]
    [InlineData("[1, 2] == [1, 2]", true)]
    [InlineData("true && !false", true)]
    [InlineData("false || 1 < 2", true)]
    [InlineData("1 + 1 == 2 && \"a\" + \"b\" == \"ab\"", true)]
    [InlineData("true || false && false", true)]
    public void Comparisons_AndLogic(string expression, bool expected) => Assert.Equal(expected, Bool(expression));

    [Theory]
    [InlineData("\"2\" < \"10\"", true)]
    [InlineData("\"10\" > \"9\"", true)]
    [InlineData("\"-10\" < \"-9\"", true)]
    [InlineData("\"007\" <= \"7\"", true)]
    [InlineData("\"2.5\" < \"10\"", true)]
    [InlineData("\"1e3\" > \"999\"", true)]
    [InlineData("\"9007199254740993\" > \"9007199254740992\"", true)]
    [InlineData("\"10a\" < \"9\"", true)]
    [InlineData("\"\" < \"1\"", true)]
    public void Compare_TwoNumericStrings_ComparesAsNumbers_OtherTextOrdinally(string expression, bool expected) =>
        Assert.Equal(expected, Bool(expression));

    [Fact]
    public void LogicalOperators_ShortCircuit()
    {
        // The right side would be a type error if it were evaluated.
        Assert.False(Bool("false && 1"));
        Assert.True(Bool("true || 1"));
    }

    [Fact]
    public void Coalesce_ReplacesOnlyNull()
    {
        Assert.Equal(5, Number("null ?? 5"));
        Assert.Equal(0, Number("0 ?? 5"));
        Assert.Equal("x", Text("@response.body.get(\"/missing\") ?? \"x\""));
    }

    [Fact]
    public void Index_ReadsArrayItems_NegativeFromEnd_OutOfRangeIsNull()
    {
        Assert.Equal(20, Number("[10, 20, 30][1]"));
        Assert.Equal(30, Number("[10, 20, 30][-1]"));
        Assert.True(Value("[10][5]").IsNull);
    }

    [Fact]
    public void Numbers_PrintWithoutNeedlessFraction()
    {
        Assert.Equal("offset=300", Text("\"offset=\" + 3 * 100"));
        Assert.Equal("0.1", Text("\"\" + 0.1"));
        Assert.Equal("-4", Text("\"\" + -4"));
    }

    [Fact]
    public void Variables_AssignAndReassign()
    {
        var harness = new ScriptHarness("var a = 1; var b = a + 1; a = b * 10;");
        Assert.Null(harness.Page().Error);
        Assert.Equal(20, harness.Variable("a").AsNumber);
        Assert.Equal(2, harness.Variable("b").AsNumber);
    }

    [Fact]
    public void Variables_PersistAcrossPages_ReadBeforeDeclarationSeesPreviousPage()
    {
        var harness = new ScriptHarness("var previous = current; var current = @pager.pageCount(); var seen = (seen ?? 0) + 1;");
        harness.Page();
        Assert.True(harness.Variable("previous").IsNull);
        Assert.Equal(1, harness.Variable("seen").AsNumber);
        harness.Page();
        harness.Page();
        Assert.Equal(2, harness.Variable("previous").AsNumber);
        Assert.Equal(3, harness.Variable("current").AsNumber);
        Assert.Equal(3, harness.Variable("seen").AsNumber);
    }
}
