using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

public class ScriptLexerTests
{
    private static List<ScriptToken> Lex(string source) => new ScriptLexer(source, 1000).Tokenize();

    [Fact]
    public void Tokens_CarryKindAndOneBasedPosition()
    {
        var tokens = Lex("var x = 1.5;\n  @log(x);");
        Assert.Equal(
            [ScriptTokenKind.Var, ScriptTokenKind.Identifier, ScriptTokenKind.Assign, ScriptTokenKind.Number, ScriptTokenKind.Semicolon,
             ScriptTokenKind.At, ScriptTokenKind.Identifier, ScriptTokenKind.LeftParen, ScriptTokenKind.Identifier, ScriptTokenKind.RightParen,
             ScriptTokenKind.Semicolon, ScriptTokenKind.End],
            tokens.Select(t => t.Kind));
        Assert.Equal((1, 9), (tokens[3].Line, tokens[3].Column));
        Assert.Equal(1.5, tokens[3].Number);
        Assert.Equal((2, 3), (tokens[5].Line, tokens[5].Column));
    }

    [Fact]
    public void Operators_TwoCharacterFormsWin()
    {
        var kinds = Lex("== != <= >= && || ?? < > ! = + - * / %").Select(t => t.Kind).ToArray();
        Assert.Equal(
            [ScriptTokenKind.Equal, ScriptTokenKind.NotEqual, ScriptTokenKind.LessOrEqual, ScriptTokenKind.GreaterOrEqual, ScriptTokenKind.And,
             ScriptTokenKind.Or, ScriptTokenKind.Coalesce, ScriptTokenKind.Less, ScriptTokenKind.Greater, ScriptTokenKind.Not, ScriptTokenKind.Assign,
             ScriptTokenKind.Plus, ScriptTokenKind.Minus, ScriptTokenKind.Star, ScriptTokenKind.Slash, ScriptTokenKind.Percent, ScriptTokenKind.End],
            kinds);
    }

    [Fact]
    public void Comments_LineAndBlock_AreSkippedAndLinesStillCount()
    {
        var tokens = Lex("// one\n/* two\nthree */ x // four\n/**/y");
        Assert.Equal(["x", "y"], tokens.Where(t => t.Kind == ScriptTokenKind.Identifier).Select(t => t.Text));
        Assert.Equal((3, 10), (tokens[0].Line, tokens[0].Column));
        Assert.Equal((4, 5), (tokens[1].Line, tokens[1].Column));
    }

    [Fact]
    public void Strings_DecodeEveryEscape()
    {
        var token = Lex("\"a\\\"b\\\\c\\/d\\ne\\tf\\u00e9\\u0041\"")[0];
        Assert.Equal(ScriptTokenKind.String, token.Kind);
        Assert.Equal("a\"b\\c/d\ne\tf\u00e9A", token.Text);
    }

    [Fact]
    public void Keywords_AreRecognised_AndIdentifiersMayContainDigitsAndUnderscores()
    {
        var kinds = Lex("var true false null _next2").Select(t => t.Kind).ToArray();
        Assert.Equal([ScriptTokenKind.Var, ScriptTokenKind.True, ScriptTokenKind.False, ScriptTokenKind.Null, ScriptTokenKind.Identifier, ScriptTokenKind.End], kinds);
    }

    [Theory]
    [InlineData("var s = \"abc;", 1, 9, "unterminated string")]
    [InlineData("var s = \"ab\ncd\";", 1, 9, "unterminated string")]
    [InlineData("x /* never closed", 1, 3, "unterminated comment")]
    [InlineData("var s = \"a\\qb\";", 1, 11, "unknown escape '\\q'")]
    [InlineData("var s = \"\\u12\";", 1, 10, "four hex digits")]
    [InlineData("var x = 1 # 2;", 1, 11, "unexpected character '#'")]
    [InlineData("var x = 12abc;", 1, 11, "followed by a letter")]
    [InlineData("var x = a & b;", 1, 11, "unexpected character '&'")]
    public void LexicalErrors_NameLineAndColumn(string source, int line, int column, string message)
    {
        var error = ScriptHarness.ParseError(source);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringLiteral_LongerThanCap_IsSyntaxError()
    {
        var error = ScriptHarness.ParseError("var s = \"" + new string('a', 50) + "\";", new ScriptLimits { MaxStringLength = 20 });
        Assert.Contains("longer than 20", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NumberLiteral_BeyondDoubleRange_IsSyntaxError()
    {
        var error = ScriptHarness.ParseError("var a = 1" + new string('0', 400) + ";");
        Assert.Contains("too large", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 9), (error.Line, error.Column));
    }
}
