namespace Paginate.Engine.Scripting.Syntax;

/// <summary>
/// Recursive-descent parser. Variables are resolved to slots and operations to the table here, so a
/// script that parses can only fail at run time on values (types, limits), never on names.
/// </summary>
internal sealed class ScriptParser
{
    private readonly List<ScriptToken> _tokens;
    private readonly ScriptLimits _limits;
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private int _index;
    private int _depth;

    public ScriptParser(List<ScriptToken> tokens, ScriptLimits limits)
    {
        _tokens = tokens;
        _limits = limits;
    }

    public IReadOnlyList<string> VariableNames => [.. _slots.OrderBy(p => p.Value).Select(p => p.Key)];

    public List<ScriptStatement> ParseProgram()
    {
        DeclareVariables();
        var statements = new List<ScriptStatement>();
        while (Current.Kind != ScriptTokenKind.End)
        {
            statements.Add(ParseStatement());
        }

        return statements;
    }

    private ScriptToken Current => _tokens[_index];

    private ScriptToken PeekToken(int offset) => _tokens[Math.Min(_index + offset, _tokens.Count - 1)];

    // A variable may be read before its `var` line: it then holds the previous page's value (null on page 1).
    // Collecting every declared name first lets the parser reject unknown names while allowing that.
    private void DeclareVariables()
    {
        for (int i = 0; i + 1 < _tokens.Count; i++)
        {
            if (_tokens[i].Kind == ScriptTokenKind.Var && _tokens[i + 1].Kind == ScriptTokenKind.Identifier
                && !_slots.ContainsKey(_tokens[i + 1].Text))
            {
                if (_slots.Count >= _limits.MaxVariables)
                {
                    throw new ScriptSyntaxException($"more than {_limits.MaxVariables} variables", _tokens[i + 1].Line, _tokens[i + 1].Column);
                }

                _slots.Add(_tokens[i + 1].Text, _slots.Count);
            }
        }
    }

    private ScriptToken Advance() => _tokens[_index++];

    private ScriptToken Expect(ScriptTokenKind kind, string what)
    {
        if (Current.Kind != kind)
        {
            throw Unexpected(what);
        }

        return Advance();
    }

    private ScriptSyntaxException Unexpected(string expected)
    {
        var token = Current;
        string found = token.Kind switch
        {
            ScriptTokenKind.End => "end of script",
            ScriptTokenKind.String => "a string",
            ScriptTokenKind.Number => $"number {token.Text}",
            _ => $"'{token.Text}'",
        };
        return new ScriptSyntaxException($"expected {expected}, found {found}", token.Line, token.Column);
    }

    private ScriptStatement ParseStatement()
    {
        var first = Current;
        ScriptStatement statement;
        if (first.Kind == ScriptTokenKind.Var)
        {
            Advance();
            var name = Expect(ScriptTokenKind.Identifier, "a variable name after 'var'");
            Expect(ScriptTokenKind.Assign, "'=' after the variable name");
            statement = new ScriptStatement(ScriptStatementKind.Declare, _slots[name.Text], ParseExpression(), first.Line, first.Column);
        }
        else if (first.Kind == ScriptTokenKind.Identifier && PeekToken(1).Kind == ScriptTokenKind.Assign)
        {
            Advance();
            Advance();
            statement = new ScriptStatement(ScriptStatementKind.Assign, Slot(first), ParseExpression(), first.Line, first.Column);
        }
        else if (first.Kind == ScriptTokenKind.At)
        {
            var expression = ParseExpression();
            if (expression is not OperationExpression)
            {
                throw new ScriptSyntaxException("a statement must be 'var name = value;', 'name = value;' or an operation call", first.Line, first.Column);
            }

            statement = new ScriptStatement(ScriptStatementKind.Operation, -1, expression, first.Line, first.Column);
        }
        else
        {
            throw Unexpected("a statement ('var', an assignment or an @operation)");
        }

        if (Current.Kind != ScriptTokenKind.Semicolon)
        {
            var previous = _tokens[_index - 1];
            throw new ScriptSyntaxException(
                $"expected ';' after the statement, found {(Current.Kind == ScriptTokenKind.End ? "end of script" : $"'{Current.Text}'")}",
                Current.Kind == ScriptTokenKind.End ? previous.Line : Current.Line,
                Current.Kind == ScriptTokenKind.End ? previous.Column + previous.Text.Length : Current.Column);
        }

        Advance();
        return statement;
    }

    private int Slot(ScriptToken name) =>
        _slots.TryGetValue(name.Text, out int slot)
            ? slot
            : throw new ScriptSyntaxException($"unknown variable '{name.Text}' (declare it with 'var {name.Text} = ...;')", name.Line, name.Column);

    private ScriptExpression ParseExpression()
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new ScriptSyntaxException($"expression is nested deeper than {_limits.MaxNestingDepth} levels", Current.Line, Current.Column);
        }

        var expression = ParseBinary(0);
        _depth--;
        return expression;
    }

    // Lowest to highest precedence; each level is left-associative.
    private static readonly ScriptTokenKind[][] s_levels =
    [
        [ScriptTokenKind.Coalesce],
        [ScriptTokenKind.Or],
        [ScriptTokenKind.And],
        [ScriptTokenKind.Equal, ScriptTokenKind.NotEqual],
        [ScriptTokenKind.Less, ScriptTokenKind.LessOrEqual, ScriptTokenKind.Greater, ScriptTokenKind.GreaterOrEqual],
        [ScriptTokenKind.Plus, ScriptTokenKind.Minus],
        [ScriptTokenKind.Star, ScriptTokenKind.Slash, ScriptTokenKind.Percent],
    ];

    private ScriptExpression ParseBinary(int level)
    {
        if (level == s_levels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (Array.IndexOf(s_levels[level], Current.Kind) >= 0)
        {
            var op = Advance();
            var right = ParseBinary(level + 1);
            left = new BinaryExpression(op.Kind, op.Text, left, right, op.Line, op.Column);
        }

        return left;
    }

    private ScriptExpression ParseUnary()
    {
        var token = Current;
        if (token.Kind is ScriptTokenKind.Not or ScriptTokenKind.Minus)
        {
            Advance();
            if (++_depth > _limits.MaxNestingDepth)
            {
                throw new ScriptSyntaxException($"expression is nested deeper than {_limits.MaxNestingDepth} levels", token.Line, token.Column);
            }

            var operand = ParseUnary();
            _depth--;
            if (token.Kind == ScriptTokenKind.Minus && operand is LiteralExpression { Value.Kind: ScriptValueKind.Number } literal)
            {
                return new LiteralExpression(ScriptValue.Number(-literal.Value.AsNumber), token.Line, token.Column);
            }

            return new UnaryExpression(token.Kind, operand, token.Line, token.Column);
        }

        return ParsePostfix();
    }

    private ScriptExpression ParsePostfix()
    {
        var expression = ParsePrimary();
        while (Current.Kind == ScriptTokenKind.LeftBracket)
        {
            var bracket = Advance();
            var index = ParseExpression();
            Expect(ScriptTokenKind.RightBracket, "']'");
            expression = new IndexExpression(expression, index, bracket.Line, bracket.Column);
        }

        return expression;
    }

    private ScriptExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case ScriptTokenKind.Number:
                Advance();
                return new LiteralExpression(ScriptValue.Number(token.Number), token.Line, token.Column);
            case ScriptTokenKind.String:
                Advance();
                return new LiteralExpression(ScriptValue.String(token.Text), token.Line, token.Column);
            case ScriptTokenKind.True:
            case ScriptTokenKind.False:
                Advance();
                return new LiteralExpression(ScriptValue.Boolean(token.Kind == ScriptTokenKind.True), token.Line, token.Column);
            case ScriptTokenKind.Null:
                Advance();
                return new LiteralExpression(ScriptValue.Null, token.Line, token.Column);
            case ScriptTokenKind.Identifier:
                Advance();
                if (Current.Kind == ScriptTokenKind.LeftParen || Current.Kind == ScriptTokenKind.Dot)
                {
                    throw new ScriptSyntaxException($"operations start with '@': write '@{token.Text}...'", token.Line, token.Column);
                }

                return new VariableExpression(token.Text, Slot(token), token.Line, token.Column);
            case ScriptTokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(ScriptTokenKind.RightParen, "')'");
                return inner;
            case ScriptTokenKind.LeftBracket:
                return ParseArray();
            case ScriptTokenKind.At:
                return ParseOperation();
            default:
                throw Unexpected("a value");
        }
    }

    private ArrayExpression ParseArray()
    {
        var open = Advance();
        var items = new List<ScriptExpression>();
        if (Current.Kind != ScriptTokenKind.RightBracket)
        {
            do
            {
                items.Add(ParseExpression());
                if (items.Count > _limits.MaxArrayLength)
                {
                    throw new ScriptSyntaxException($"array has more than {_limits.MaxArrayLength} items", open.Line, open.Column);
                }
            }
            while (Current.Kind == ScriptTokenKind.Comma && Advance().Kind == ScriptTokenKind.Comma);
        }

        Expect(ScriptTokenKind.RightBracket, "',' or ']' in the array");
        return new ArrayExpression(items, open.Line, open.Column);
    }

    private OperationExpression ParseOperation()
    {
        var at = Advance();
        var name = Expect(ScriptTokenKind.Identifier, "an operation name after '@'").Text;
        while (Current.Kind == ScriptTokenKind.Dot)
        {
            Advance();
            name += "." + Expect(ScriptTokenKind.Identifier, "a name after '.'").Text;
        }

        if (!ScriptOperations.TryFind(name, out var operation))
        {
            throw new ScriptSyntaxException($"unknown operation '@{name}'", at.Line, at.Column);
        }

        Expect(ScriptTokenKind.LeftParen, $"'(' after '@{name}'");
        var arguments = new List<ScriptExpression>();
        if (Current.Kind != ScriptTokenKind.RightParen)
        {
            arguments.Add(ParseExpression());
            while (Current.Kind == ScriptTokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseExpression());
            }
        }

        Expect(ScriptTokenKind.RightParen, "',' or ')' after the arguments");
        if (arguments.Count < operation.MinArguments || arguments.Count > operation.MaxArguments)
        {
            string expected = operation.MinArguments == operation.MaxArguments
                ? $"{operation.MinArguments} argument{(operation.MinArguments == 1 ? "" : "s")}"
                : $"{operation.MinArguments} to {operation.MaxArguments} arguments";
            throw new ScriptSyntaxException($"'@{name}' takes {expected}, got {arguments.Count}", at.Line, at.Column);
        }

        return new OperationExpression(operation, arguments, at.Line, at.Column);
    }
}
