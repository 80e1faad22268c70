using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Hosting;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>Compiles definitions with the deployment's upstream rule, prefixing error paths when nested.</summary>
internal sealed class RunnerCompilation(IOptions<UpstreamPolicyOptions> options)
{
    private readonly RunnerCompileOptions _compileOptions = new() { AllowPrivateUpstreams = options.Value.AllowPrivateUpstreams };

    public RunnerCompileOptions Options => _compileOptions;

    public CompiledRunner? Compile(RunnerDefinition definition, string fieldPrefix, Dictionary<string, List<string>> errors)
    {
        var result = RunnerCompiler.Compile(definition, _compileOptions);
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                Http.JsonBody.AddError(errors, fieldPrefix + field, message);
            }
        }

        return result.IsValid && errors.Count == 0 ? result.Runner : null;
    }
}
