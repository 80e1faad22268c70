using System.Diagnostics.CodeAnalysis;

using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting;

/// <summary>A parsed paging script (seed 003), ready to run after each page. Immutable.</summary>
public sealed class ScriptProgram
{
    private readonly IReadOnlyList<ScriptStatement> _statements;

    private ScriptProgram(IReadOnlyList<ScriptStatement> statements, IReadOnlyList<string> variableNames, ScriptLimits limits)
    {
        _statements = statements;
        VariableNames = variableNames;
        Limits = limits;
    }

    /// <summary>Declared variable names, by slot.</summary>
    internal IReadOnlyList<string> VariableNames { get; }

    internal ScriptLimits Limits { get; }

    internal IReadOnlyList<ScriptStatement> Statements => _statements;

    /// <summary>Parses a script; on failure <paramref name="error"/> names line and column.</summary>
    public static bool TryParse(string source, [NotNullWhen(true)] out ScriptProgram? program, [NotNullWhen(false)] out ScriptError? error) =>
        TryParse(source, ScriptLimits.Default, out program, out error);

    internal static bool TryParse(string source, ScriptLimits limits, [NotNullWhen(true)] out ScriptProgram? program, [NotNullWhen(false)] out ScriptError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        program = null;
        if (source.Length > limits.MaxSourceLength)
        {
            error = new ScriptError($"script is longer than {limits.MaxSourceLength} characters", 1, 1);
            return false;
        }

        try
        {
            var tokens = new ScriptLexer(source, limits.MaxStringLength).Tokenize();
            var parser = new ScriptParser(tokens, limits);
            var statements = parser.ParseProgram();
            if (statements.Count == 0)
            {
                error = new ScriptError("script is empty: it needs at least one statement", 1, 1);
                return false;
            }

            program = new ScriptProgram(statements, parser.VariableNames, limits);
            error = null;
            return true;
        }
        catch (ScriptSyntaxException e)
        {
            error = e.Error;
            return false;
        }
    }

    /// <summary>
    /// Runs the script once, after a page: may change <paramref name="request"/> in place (the next request);
    /// the variables and rate limit that follow come back as <see cref="ScriptOutcome.State"/>, while
    /// <paramref name="state"/> itself never changes. Never throws for script faults: they come back
    /// as <see cref="ScriptOutcome.Error"/>.
    /// </summary>
    internal ScriptOutcome Run(ScriptRunState state, ScriptRequest request, ScriptResponse response) =>
        new ScriptInterpreter(state, request, response, Limits).Run(_statements);
}
