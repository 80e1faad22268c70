using System.Text.Json;
using System.Text.Json.Nodes;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Tests.Scripting;

/// <summary>Parses a script and runs it after pages built from plain values, keeping the run's state.</summary>
internal sealed class ScriptHarness
{
    public const string ForwardedCanary = "canary-forwarded-8f2e1c";

    private readonly ScriptProgram _program;
    private ScriptRunState _state;

    public ScriptHarness(string source, ScriptLimits? limits = null, string url = "https://api.example.com/v1/items?limit=10",
        string? body = null, IReadOnlyList<string>? secrets = null)
    {
        if (!ScriptProgram.TryParse(source, limits ?? ScriptLimits.Default, out var program, out var error))
        {
            throw new InvalidOperationException("parse failed: " + error);
        }

        _program = program;
        _state = ScriptRunState.Start(program, secrets);
        Request = ScriptRequest.Create(
            body is null ? "GET" : "POST",
            new Uri(url),
            [new ScriptField("Accept", "application/json", false), new ScriptField("Authorization", ForwardedCanary, true)],
            body is null ? null : JsonNode.Parse(body),
            secrets);
    }

    public ScriptRequest Request { get; }

    public ScriptRunState State => _state;

    public ScriptOutcome Page(string json = "{}", int status = 200, params (string Name, string Value)[] headers)
    {
        using var document = JsonDocument.Parse(json);
        var response = new ScriptResponse(status, [.. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], document.RootElement.Clone());
        var outcome = _program.Run(_state with { PageCount = _state.PageCount + 1 }, Request, response);
        _state = outcome.State;
        return outcome;
    }

    /// <summary>Runs the script once and returns the value of variable <paramref name="name"/>.</summary>
    public static ScriptValue Eval(string source, string name = "r")
    {
        var harness = new ScriptHarness(source);
        var outcome = harness.Page();
        Assert.Null(outcome.Error);
        return harness.Variable(name);
    }

    public static ScriptError RunError(string source, ScriptLimits? limits = null, string json = "{}")
    {
        var outcome = new ScriptHarness(source, limits).Page(json);
        Assert.NotNull(outcome.Error);
        return outcome.Error;
    }

    public static ScriptError ParseError(string source, ScriptLimits? limits = null)
    {
        Assert.False(ScriptProgram.TryParse(source, limits ?? ScriptLimits.Default, out _, out var error));
        return error;
    }

    public ScriptValue Variable(string name)
    {
        int slot = -1;
        for (int i = 0; i < _program.VariableNames.Count; i++)
        {
            if (_program.VariableNames[i] == name)
            {
                slot = i;
            }
        }

        Assert.True(slot >= 0, $"no variable {name}");
        return _state.Variables[slot];
    }
}
