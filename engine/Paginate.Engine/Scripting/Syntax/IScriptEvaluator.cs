namespace Paginate.Engine.Scripting.Syntax;

/// <summary>
/// What a syntax node needs from the run that evaluates it. The tree stays free of run-time types, so the
/// runtime depends on the syntax and never the other way round.
/// </summary>
internal interface IScriptEvaluator
{
    /// <summary>The sandbox bounds of this run.</summary>
    ScriptLimits Limits { get; }

    /// <summary>The run's variable slots.</summary>
    ScriptValue[] Variables { get; }

    /// <summary>Counts one evaluation step against the page's budget.</summary>
    void Step(ScriptExpression node);

    /// <summary><c>+</c> on text, bounded by the string cap.</summary>
    ScriptValue Concatenate(ScriptValue left, ScriptValue right, ScriptExpression node);

    /// <summary>Runs one <c>@operation</c>.</summary>
    ScriptValue Invoke(OperationExpression node);
}
