using System.Globalization;
using System.Text;

namespace Paginate.Engine.Scripting.Syntax;

/// <summary>Turns script text into tokens with 1-based line and column. Comments and whitespace are skipped.</summary>
internal sealed class ScriptLexer
{
    private readonly string _source;
    private readonly int _maxStringLength;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public ScriptLexer(string source, int maxStringLength)
    {
        _source = source;
        _maxStringLength = maxStringLength;
    }

    /// <summary>Every token of the source, ending with one <see cref="ScriptTokenKind.End"/> token.</summary>
    public List<ScriptToken> Tokenize()
    {
        var tokens = new List<ScriptToken>();
        while (true)
        {
            var token = Next();
            tokens.Add(token);
            if (token.Kind == ScriptTokenKind.End)
            {
                return tokens;
            }
        }
    }

    private int Column => _position - _lineStart + 1;

    private ScriptToken Next()
    {
        SkipTrivia();
        int line = _line, column = Column;
        if (_position >= _source.Length)
        {
            return new ScriptToken(ScriptTokenKind.End, "end of script", 0, line, column);
        }

        char c = _source[_position];
        if (char.IsAsciiLetter(c) || c == '_')
        {
            return ReadWord(line, column);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(line, column);
        }

        if (c == '"')
        {
            return ReadString(line, column);
        }

        int start = _position;
        _position++;
        char n = _position < _source.Length ? _source[_position] : '\0';
        ScriptTokenKind Two(ScriptTokenKind kind)
        {
            _position++;
            return kind;
        }

        ScriptTokenKind? kind = c switch
        {
            '@' => ScriptTokenKind.At,
            '.' => ScriptTokenKind.Dot,
            ',' => ScriptTokenKind.Comma,
            ';' => ScriptTokenKind.Semicolon,
            '(' => ScriptTokenKind.LeftParen,
            ')' => ScriptTokenKind.RightParen,
            '[' => ScriptTokenKind.LeftBracket,
            ']' => ScriptTokenKind.RightBracket,
            '+' => ScriptTokenKind.Plus,
            '-' => ScriptTokenKind.Minus,
            '*' => ScriptTokenKind.Star,
            '/' => ScriptTokenKind.Slash,
            '%' => ScriptTokenKind.Percent,
            '=' => n == '=' ? Two(ScriptTokenKind.Equal) : ScriptTokenKind.Assign,
            '!' => n == '=' ? Two(ScriptTokenKind.NotEqual) : ScriptTokenKind.Not,
            '<' => n == '=' ? Two(ScriptTokenKind.LessOrEqual) : ScriptTokenKind.Less,
            '>' => n == '=' ? Two(ScriptTokenKind.GreaterOrEqual) : ScriptTokenKind.Greater,
            '&' when n == '&' => Two(ScriptTokenKind.And),
            '|' when n == '|' => Two(ScriptTokenKind.Or),
            '?' when n == '?' => Two(ScriptTokenKind.Coalesce),
            _ => null,
        };
        if (kind is null)
        {
            throw new ScriptSyntaxException(Unexpected(c), line, column);
        }

        return new ScriptToken(kind.Value, _source[start.._position], 0, line, column);
    }

    private static string Unexpected(char c) =>
        c is >= ' ' and <= '~' ? $"unexpected character '{c}'" : $"unexpected character U+{(int)c:X4}";

    private void SkipTrivia()
    {
        while (_position < _source.Length)
        {
            char c = _source[_position];
            if (c == '\n')
            {
                _position++;
                _line++;
                _lineStart = _position;
            }
            else if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _source.Length && _source[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                int line = _line, column = Column;
                _position += 2;
                while (true)
                {
                    if (_position >= _source.Length)
                    {
                        throw new ScriptSyntaxException("unterminated comment: '/*' has no closing '*/'", line, column);
                    }

                    if (_source[_position] == '*' && Peek(1) == '/')
                    {
                        _position += 2;
                        break;
                    }

                    if (_source[_position] == '\n')
                    {
                        _line++;
                        _lineStart = _position + 1;
                    }

                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek(int offset) => _position + offset < _source.Length ? _source[_position + offset] : '\0';

    private ScriptToken ReadWord(int line, int column)
    {
        int start = _position;
        while (_position < _source.Length && (char.IsAsciiLetterOrDigit(_source[_position]) || _source[_position] == '_'))
        {
            _position++;
        }

        string word = _source[start.._position];
        var kind = word switch
        {
            "var" => ScriptTokenKind.Var,
            "true" => ScriptTokenKind.True,
            "false" => ScriptTokenKind.False,
            "null" => ScriptTokenKind.Null,
            _ => ScriptTokenKind.Identifier,
        };
        return new ScriptToken(kind, word, 0, line, column);
    }

    private ScriptToken ReadNumber(int line, int column)
    {
        int start = _position;
        while (char.IsAsciiDigit(Peek(0)))
        {
            _position++;
        }

        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _position++;
            while (char.IsAsciiDigit(Peek(0)))
            {
                _position++;
            }
        }

        if (char.IsAsciiLetter(Peek(0)) || Peek(0) == '_')
        {
            throw new ScriptSyntaxException("a number must not be followed by a letter", line, Column);
        }

        string text = _source[start.._position];
        double value = double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new ScriptSyntaxException("number is too large", line, column);
        }

        return new ScriptToken(ScriptTokenKind.Number, text, value, line, column);
    }

    private ScriptToken ReadString(int line, int column)
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _source.Length || _source[_position] == '\n')
            {
                throw new ScriptSyntaxException("unterminated string: missing closing '\"'", line, column);
            }

            char c = _source[_position];
            if (c == '"')
            {
                _position++;
                break;
            }

            if (c == '\\')
            {
                int escapeColumn = Column;
                _position++;
                builder.Append(ReadEscape(line, escapeColumn));
            }
            else
            {
                builder.Append(c);
                _position++;
            }

            if (builder.Length > _maxStringLength)
            {
                throw new ScriptSyntaxException($"string literal is longer than {_maxStringLength} characters", line, column);
            }
        }

        return new ScriptToken(ScriptTokenKind.String, builder.ToString(), 0, line, column);
    }

    private char ReadEscape(int line, int column)
    {
        char e = Peek(0);
        _position++;
        switch (e)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'u':
                if (_position + 4 <= _source.Length
                    && ushort.TryParse(_source.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ushort code))
                {
                    _position += 4;
                    return (char)code;
                }

                throw new ScriptSyntaxException("'\\u' must be followed by four hex digits", line, column);
            default:
                throw new ScriptSyntaxException(
                    e is >= ' ' and <= '~' ? $"unknown escape '\\{e}' (use \\\" \\\\ \\/ \\n \\t \\r \\b \\f or \\uXXXX)" : "unknown escape after '\\'",
                    line,
                    column);
        }
    }
}
