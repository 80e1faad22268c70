using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

public sealed class TypedFieldValidationTests
{
    private static RunnerDefinition Fields(params string[] fields) =>
        RunnerSamples.Stripe() with { Shape = new ShapeSpec { Mode = ShapeModes.Select, Fields = fields } };

    [Fact]
    public void KnownTypes_AreAccepted() =>
        Valid(Fields("id:id:string", "amount:amount:number", "count:n:integer", "live:livemode:boolean", "city:address.city", "t:/dc:title"));

    [Fact]
    public void UnknownType_IsRefusedNamingTheField() =>
        OnlyError(Fields("id:id", "amount:amount:numbr"), "shape.fields[1]",
            "shape.fields[1] 'amount:amount:numbr' has an unknown type 'numbr'; use one of: string, number, integer, boolean (write a key holding ':' as a JSON Pointer, e.g. '/dc:title')");

    [Fact]
    public void TypeWithoutPath_IsRefused() =>
        OnlyError(Fields("amount::number"), "shape.fields[0]", "has an empty path");

    [Fact]
    public void Schema_DescribesTheTypes()
    {
        Assert.Contains("'output_name:path:type'", RunnerSchema.Json, StringComparison.Ordinal);
        Assert.Contains("meta.type_errors", RunnerSchema.Json, StringComparison.Ordinal);
    }
}
