using Paginate.Engine.Compilation;
using Paginate.Engine.Json;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Runners;

public sealed class RunnerCompilerTests
{
    [Fact]
    public void Invalid_ReturnsEveryErrorAndNoRunner()
    {
        var definition = RunnerSamples.Stripe() with
        {
            Name = null,
            Pagination = new PaginationSpec { Style = PaginationStyles.Cursor },
        };

        var result = RunnerCompiler.Compile(definition);

        Assert.False(result.IsValid);
        Assert.Null(result.Runner);
        Assert.Equal(new[] { "name", "pagination.cursor_param", "pagination.cursor_path" }, result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Options_AllowPrivateUpstreams_AcceptsHttpLoopback()
    {
        var definition = RunnerSamples.Stripe() with { Request = RunnerSamples.Stripe().Request with { Url = "http://127.0.0.1:5099/v1/customers" } };
        Assert.Contains("request.url", RunnerCompiler.Validate(definition).Keys);
        Assert.Empty(RunnerCompiler.Validate(definition, new RunnerCompileOptions { AllowPrivateUpstreams = true }));
    }

    [Fact]
    public void Valid_CompilesPathsShaperAndOrigin()
    {
        var result = RunnerCompiler.Compile(RunnerSamples.Stripe());

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var runner = result.Runner!;
        Assert.Equal(["email"], runner.Placeholders);
        Assert.Equal(new Uri("https://api.stripe.com/"), runner.Origin);
        Assert.Equal("data", runner.ItemsPath.Text);
        Assert.Equal(PaginationStyles.Cursor, runner.Strategy.Name);
        Assert.IsType<Paginate.Engine.Shaping.SelectShaper>(runner.Shaper);
        Assert.Equal("starting_after", runner.Definition.Pagination.CursorParam!.Name);
    }

    [Fact]
    public void Valid_FillsDefaultsOnTheCompiledDefinition()
    {
        var result = RunnerCompiler.Compile(RunnerSamples.PageNumber() with { Response = new ResponseSpec() });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        var definition = result.Runner!.Definition;
        Assert.Equal(ParamPlacement.Query("page"), definition.Pagination.PageParam);
        Assert.Equal(1, definition.Pagination.StartPage);
        Assert.Equal(string.Empty, definition.Response.ItemsPath);
        Assert.True(result.Runner.ItemsPath.IsDocument);
        Assert.Same(JsonPath.Document, result.Runner.ItemsPath);
    }

    [Fact]
    public void Valid_OriginKeepsPortAndPlaceholdersOfUrlThenBody()
    {
        var graphQl = RunnerSamples.GraphQl();
        var definition = graphQl with { Request = graphQl.Request with { Url = "https://api.example.com:8443/graphql?tenant={{tenant}}" } };

        var result = RunnerCompiler.Compile(definition);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Equal(new Uri("https://api.example.com:8443/"), result.Runner!.Origin);
        Assert.Equal(["tenant", "org"], result.Runner.Placeholders);
    }
}
