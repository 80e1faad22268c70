using System.Buffers;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Runners;
using Paginate.Engine.Shaping;

namespace Paginate.Engine.Tests.Shaping;

public sealed class ItemShapersTests
{
    private const string JsonApiPage = """
        {
          "data": [
            {
              "id": "1", "type": "articles",
              "attributes": { "title": "JSON:API paints my bikeshed!", "views": 1.50, "tags": ["a", "b"], "meta": { "lang": "en" } },
              "relationships": {
                "author": { "links": { "self": "/articles/1/relationships/author" }, "data": { "id": "9", "type": "people" } },
                "comments": { "data": [ { "id": "5", "type": "comments" }, { "id": "12", "type": "comments" } ] },
                "editor": { "data": null },
                "tags": { "data": [] },
                "related": { "links": { "related": "/articles/1/related" } }
              },
              "links": { "self": "/articles/1" }
            },
            { "id": 2, "type": "articles", "attributes": { "title": "Second", "id": "shadow", "type": "shadow" } },
            { "id": "3", "type": "articles", "relationships": { "author": { "data": { "type": "people", "id": "7" } } } },
            { "id": "4", "type": "articles" },
            { "plain": true },
            "scalar"
          ]
        }
        """;

    private static string Shape(IItemShaper shaper, JsonElement item)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            shaper.Write(writer, item);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string[] ShapeAll(IItemShaper shaper, string page, string itemsProperty = "data")
    {
        using var doc = JsonDocument.Parse(page);
        return [.. doc.RootElement.GetProperty(itemsProperty).EnumerateArray().Select(item => Shape(shaper, item))];
    }

    [Fact]
    public void Full_CopiesTheRawBytes()
    {
        const string item = """{ "id" : 1,  "name":"caf\u00e9 \"q\"", "n": 1.50, "big": 12345678901234567890123, "nested": {"a": [1, 2 ]}, "e": 1E+2 }""";
        using var doc = JsonDocument.Parse($$"""{ "data": [ {{item}}, [1,  2], "s", null ] }""");
        var shaper = ItemShapers.Create(new ShapeSpec());

        var items = doc.RootElement.GetProperty("data").EnumerateArray().Select(i => Shape(shaper, i)).ToArray();

        Assert.Equal([item, "[1,  2]", "\"s\"", "null"], items);
    }

    [Fact]
    public void Full_WritesItemsAsArrayElements()
    {
        using var doc = JsonDocument.Parse("""[ {"a":1}, {"b": 2} ]""");
        var shaper = ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Full });
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                shaper.Write(writer, item);
            }

            writer.WriteEndArray();
        }

        Assert.Equal("""[{"a":1},{"b": 2}]""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void FlattenJsonApi_FlattensAttributesAndRelationshipIds()
    {
        var items = ShapeAll(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }), JsonApiPage);

        Assert.Equal(
            """{"id":"1","type":"articles","title":"JSON:API paints my bikeshed!","views":1.50,"tags":["a", "b"],"meta":{ "lang": "en" },"author_id":"9","comments_ids":["5","12"],"editor_id":null,"tags_ids":[]}""",
            items[0]);
    }

    [Fact]
    public void FlattenJsonApi_KeepsIdTypeAndSkipsShadowingAttributes() =>
        Assert.Equal("""{"id":2,"type":"articles","title":"Second"}""", ShapeAll(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }), JsonApiPage)[1]);

    [Fact]
    public void FlattenJsonApi_RelationshipsOnly() =>
        Assert.Equal("""{"id":"3","type":"articles","author_id":"7"}""", ShapeAll(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }), JsonApiPage)[2]);

    [Fact]
    public void FlattenJsonApi_NonResources_AreCopiedAsIs()
    {
        var items = ShapeAll(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }), JsonApiPage);
        Assert.Equal("""{ "id": "4", "type": "articles" }""", items[3]);
        Assert.Equal("""{ "plain": true }""", items[4]);
        Assert.Equal("\"scalar\"", items[5]);
    }

    [Fact]
    public void FlattenJsonApi_EscapedNames_StayValidJson()
    {
        const string page = """{ "data": [ { "id": "1", "type": "t", "attributes": { "na\"me": "x", "caf\u00e9": 1 }, "relationships": { "own\"er": { "data": { "id": "2", "type": "u" } } } } ] }""";
        var item = ShapeAll(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.FlattenJsonApi }), page)[0];
        using var doc = JsonDocument.Parse(item);
        Assert.Equal("x", doc.RootElement.GetProperty("na\"me").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("café").GetInt32());
        Assert.Equal("2", doc.RootElement.GetProperty("own\"er_id").GetString());
    }

    [Fact]
    public void Select_ReadsNestedIndexedPointerAndMissingValues()
    {
        const string page = """
            { "data": [
              { "id": "cus_1", "email": "a@b.co", "address": { "city": "Paris", "lines": ["1 rue", "2e"] }, "score": 1.50, "active": true,
                "meta": { "a/b": "slash", "x.y": "dot" } },
              { "id": "cus_2", "address": null }
            ] }
            """;
        var shaper = ItemShapers.Create(new ShapeSpec
        {
            Mode = ShapeModes.Select,
            Fields = ["id:id", "email:email", "city:address.city", "first_line:address.lines[0]", "last_line:address.lines[-1]", "score:score",
                "active: active", "slash:/meta/a~1b", "dot:/meta/x.y", "address:address", "gone:no.such.path"],
        });

        var items = ShapeAll(shaper, page);

        Assert.Equal(
            """{"id":"cus_1","email":"a@b.co","city":"Paris","first_line":"1 rue","last_line":"2e","score":1.50,"active":true,"slash":"slash","dot":"dot","address":{ "city": "Paris", "lines": ["1 rue", "2e"] },"gone":null}""",
            items[0]);
        Assert.Equal(
            """{"id":"cus_2","email":null,"city":null,"first_line":null,"last_line":null,"score":null,"active":null,"slash":null,"dot":null,"address":null,"gone":null}""",
            items[1]);
    }

    [Fact]
    public void Select_OutputNames_AreEscaped()
    {
        using var doc = JsonDocument.Parse("""{ "v": 1 }""");
        var shaped = Shape(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["say \"hi\":v", "a:b:/x:y"] }), doc.RootElement);
        using var result = JsonDocument.Parse(shaped);
        Assert.Equal(1, result.RootElement.GetProperty("say \"hi\"").GetInt32());
        Assert.Equal(JsonValueKind.Null, result.RootElement.GetProperty("a").ValueKind);
    }

    [Fact]
    public void Select_NonObjectItem_GivesNulls()
    {
        using var doc = JsonDocument.Parse("[1]");
        Assert.Equal("""{"id":null}""", Shape(ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["id:id"] }), doc.RootElement[0]));
    }

    [Fact]
    public void Create_InvalidSpec_Throws()
    {
        Assert.Throws<ArgumentException>(() => ItemShapers.Create(new ShapeSpec { Mode = "flat" }));
        Assert.Throws<ArgumentException>(() => ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select }));
        Assert.Throws<ArgumentException>(() => ItemShapers.Create(new ShapeSpec { Mode = ShapeModes.Select, Fields = ["nocolon"] }));
    }
}
