using Microsoft.Extensions.Options;
using Paginate.ConfigAdmin.Hosting;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>Compiles definitions with the deployment's upstream rule, prefixing error paths when nested.</summary>
internal sealed class RunnerCompilation(IOptions<UpstreamPolicyOptions> options)
{
    private readonly RunnerCompileOptions _compileOptions = new() { AllowPrivateUpstreams = options.Value.AllowPrivateUpstreams };

    public RunnerCompileOptions Options => _compileOptions;

    public CompiledRunner? Compile(RunnerDefinition definition, string fieldPrefix, FieldErrors errors)
    {
        var result = RunnerCompiler.Compile(definition, _compileOptions);
        errors.AddAll(result.Errors, fieldPrefix);

        return result.IsValid && errors.Count == 0 ? result.Runner : null;
    }
}
