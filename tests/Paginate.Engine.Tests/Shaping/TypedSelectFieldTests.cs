using System.Buffers;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;

namespace Paginate.Engine.Tests.Shaping;

/// <summary>Typed select fields <c>output_name:path:type</c> (CONTRACT §1 shape, v2): conversions and counted failures.</summary>
public sealed class TypedSelectFieldTests
{
    private static (string Json, int TypeErrors) Shape(string field, string itemJson)
    {
        var shaper = ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = [field] });
        using var item = JsonDocument.Parse(itemJson);
        var buffer = new ArrayBufferWriter<byte>();
        int errors;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            errors = shaper.Write(writer, item.RootElement);
        }

        return (Encoding.UTF8.GetString(buffer.WrittenSpan), errors);
    }

    [Theory]
    // string
    [InlineData("v:v:string", """{"v":"abc"}""", """{"v":"abc"}""", 0)]
    [InlineData("v:v:string", """{"v":12.50}""", """{"v":"12.50"}""", 0)]
    [InlineData("v:v:string", """{"v":true}""", """{"v":"true"}""", 0)]
    [InlineData("v:v:string", """{"v":{"a":1}}""", """{"v":null}""", 1)]
    [InlineData("v:v:string", """{"v":[1]}""", """{"v":null}""", 1)]
    // number
    [InlineData("v:v:number", """{"v":"12.5"}""", """{"v":12.5}""", 0)]
    [InlineData("v:v:number", """{"v":" 42 "}""", """{"v":42}""", 0)]
    [InlineData("v:v:number", """{"v":"12345678901234567890123"}""", """{"v":12345678901234567890123}""", 0)]
    [InlineData("v:v:number", """{"v":1.50}""", """{"v":1.50}""", 0)]
    [InlineData("v:v:number", """{"v":"007"}""", """{"v":7}""", 0)]
    [InlineData("v:v:number", """{"v":"1,000"}""", """{"v":null}""", 1)]
    [InlineData("v:v:number", """{"v":"NaN"}""", """{"v":null}""", 1)]
    [InlineData("v:v:number", """{"v":""}""", """{"v":null}""", 1)]
    [InlineData("v:v:number", """{"v":true}""", """{"v":null}""", 1)]
    // integer
    [InlineData("v:v:integer", """{"v":"17"}""", """{"v":17}""", 0)]
    [InlineData("v:v:integer", """{"v":2.0}""", """{"v":2}""", 0)]
    [InlineData("v:v:integer", """{"v":"1e3"}""", """{"v":1000}""", 0)]
    [InlineData("v:v:integer", """{"v":9007199254740993}""", """{"v":9007199254740993}""", 0)]
    [InlineData("v:v:integer", """{"v":1e30}""", """{"v":1000000000000000000000000000000}""", 0)]
    [InlineData("v:v:integer", """{"v":1.5}""", """{"v":null}""", 1)]
    [InlineData("v:v:integer", """{"v":"abc"}""", """{"v":null}""", 1)]
    // boolean
    [InlineData("v:v:boolean", """{"v":false}""", """{"v":false}""", 0)]
    [InlineData("v:v:boolean", """{"v":"true"}""", """{"v":true}""", 0)]
    [InlineData("v:v:boolean", """{"v":"FALSE"}""", """{"v":false}""", 0)]
    [InlineData("v:v:boolean", """{"v":"yes"}""", """{"v":null}""", 1)]
    [InlineData("v:v:boolean", """{"v":1}""", """{"v":null}""", 1)]
    // null and missing are values, not failures
    [InlineData("v:v:number", """{"v":null}""", """{"v":null}""", 0)]
    [InlineData("v:v:boolean", """{}""", """{"v":null}""", 0)]
    public void TypedField_ConvertsOrCountsAFailure(string field, string item, string expected, int typeErrors)
    {
        var (json, errors) = Shape(field, item);

        Assert.Equal(expected, json);
        Assert.Equal(typeErrors, errors);
    }

    [Theory]
    [InlineData("price : amount : NUMBER", """{"amount":"3"}""", """{"price":3}""")]
    [InlineData("t:/dc:title", """{"dc:title":"x"}""", """{"t":"x"}""")]
    [InlineData("t:/dc:title:string", """{"dc:title":5}""", """{"t":"5"}""")]
    [InlineData("id:data[0].id:integer", """{"data":[{"id":"5"}]}""", """{"id":5}""")]
    public void TypedField_SpacingCasePointersAndIndexes_Parse(string field, string item, string expected) =>
        Assert.Equal(expected, Shape(field, item).Json);

    [Fact]
    public void Shaper_CountsTypeErrors_OnlyWithATypedField()
    {
        Assert.True(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["a:a", "b:b:number"] }).CountsTypeErrors);
        Assert.False(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["a:a", "t:/dc:title"] }).CountsTypeErrors);
        Assert.False(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Full }).CountsTypeErrors);
        Assert.False(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }).CountsTypeErrors);
    }

    [Fact]
    public void SeveralFields_EachFailureCounts()
    {
        var shaper = ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["a:a:integer", "b:b:boolean", "c:c"] });
        using var item = JsonDocument.Parse("""{"a":"x","b":"maybe","c":{"k":1}}""");
        var buffer = new ArrayBufferWriter<byte>();
        int errors;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            errors = shaper.Write(writer, item.RootElement);
        }

        Assert.Equal("""{"a":null,"b":null,"c":{"k":1}}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(2, errors);
    }
}
