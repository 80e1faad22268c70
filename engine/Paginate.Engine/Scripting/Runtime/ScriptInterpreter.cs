using System.Text;

using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// Runs a program once, after one page: evaluates statements in order against the run's variables, the page's
/// response and the next request, counting steps. Operations live in <c>ScriptInterpreter.Operations.cs</c>.
/// </summary>
internal sealed partial class ScriptInterpreter : IScriptEvaluator
{
    private readonly ScriptRunState _state;
    private readonly ScriptValue[] _variables;
    private readonly ScriptRequest _request;
    private readonly ScriptResponse _response;
    private List<string>? _logs;
    private int _steps;
    private bool _stop;
    private ScriptRateLimit? _rateLimit;

    public ScriptInterpreter(ScriptRunState state, ScriptRequest request, ScriptResponse response, ScriptLimits limits)
    {
        _state = state;
        _variables = [.. state.Variables];
        _rateLimit = state.RateLimit;
        _request = request;
        _response = response;
        Limits = limits;
    }

    public ScriptLimits Limits { get; }

    public ScriptValue[] Variables => _variables;

    public ScriptOutcome Run(IReadOnlyList<ScriptStatement> statements)
    {
        ScriptStatement? last = null;
        try
        {
            foreach (var statement in statements)
            {
                last = statement;
                var value = statement.Expression.Evaluate(this);
                if (statement.Kind != ScriptStatementKind.Operation)
                {
                    _variables[statement.Slot] = value;
                }

                // A true @pager.stop ends this page's run: later lines often read what the last page lacks.
                if (_stop)
                {
                    break;
                }
            }

            CheckKeptLength(last);
        }
        catch (ScriptRuntimeException e)
        {
            return new ScriptOutcome { Error = e.Error, Logs = _logs ?? (IReadOnlyList<string>)[], State = _state };
        }

        var next = _state with { Variables = [.. _variables], RateLimit = _rateLimit };
        return new ScriptOutcome { Stop = _stop, Logs = _logs ?? (IReadOnlyList<string>)[], State = next };
    }

    /// <summary>
    /// Each page is bounded on its own (steps, string and array caps), but variables and the next request live on
    /// from page to page: without a bound on their sum a script adding a parameter per page grows without end.
    /// </summary>
    private void CheckKeptLength(ScriptStatement? last)
    {
        long length = _request.Length();
        foreach (var value in _variables)
        {
            length += value.Length();
        }

        if (length > Limits.MaxStateLength && last is not null)
        {
            throw new ScriptRuntimeException($"the script keeps more than {Limits.MaxStateLength} characters from page to page (variables and the next request)", last.Line, last.Column);
        }
    }

    /// <summary>Counts one step; the page's budget bounds the work any script can cause.</summary>
    public void Step(ScriptExpression node)
    {
        if (++_steps > Limits.MaxSteps)
        {
            throw node.Error($"the script used more than {Limits.MaxSteps} steps on this page");
        }
    }

    public ScriptValue Concatenate(ScriptValue left, ScriptValue right, ScriptExpression node)
    {
        string a = left.ToText(), b = right.ToText();
        CheckLength((long)a.Length + b.Length, node);
        return ScriptValue.String(string.Concat(a, b), left.Secret || right.Secret);
    }

    private string CheckLength(string text, ScriptExpression node)
    {
        CheckLength(text.Length, node);
        return text;
    }

    private void CheckLength(long length, ScriptExpression node)
    {
        if (length > Limits.MaxStringLength)
        {
            throw node.Error($"string would be longer than {Limits.MaxStringLength} characters");
        }
    }

    private void Log(ScriptValue[] arguments)
    {
        _logs ??= [];
        if (_logs.Count >= Limits.MaxLogLines)
        {
            return;
        }

        var line = new StringBuilder();
        for (int i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
            {
                line.Append(' ');
            }

            line.Append(arguments[i].Secret ? "***" : arguments[i].ToText());
            if (line.Length > Limits.MaxLogLineLength + 64)
            {
                break;
            }
        }

        // Taint tracking covers values the script read; this also catches a secret that reached the text
        // some other way (e.g. a placeholder value inside a URL the script built).
        foreach (string secret in _state.Secrets)
        {
            line.Replace(secret, "***");
        }

        string text = line.Length > Limits.MaxLogLineLength ? line.ToString(0, Limits.MaxLogLineLength) + "…" : line.ToString();
        _logs.Add(text);
    }
}
