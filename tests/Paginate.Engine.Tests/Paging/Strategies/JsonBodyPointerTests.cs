using System.Text;
using System.Text.Json.Nodes;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Tests.Paging.Strategies;

public sealed class JsonBodyPointerTests
{
    [Theory]
    [InlineData("""{"a":{"b":1}}""", "/a/c", """{"a":{"b":1,"c":7}}""")]
    [InlineData("""{"a":[1,2]}""", "/a/1", """{"a":[1,7]}""")]
    [InlineData("""{"a":[1,2]}""", "/a/-", """{"a":[1,2,7]}""")]
    [InlineData("""[{"q":1}]""", "/0/page", """[{"q":1,"page":7}]""")]
    [InlineData("""[{"q":1}]""", "/page", """{"page":7}""")]
    [InlineData("""{"a":"text"}""", "/a/b", """{"a":{"b":7}}""")]
    public void Set_WritesTheValueWhereThePointerSays(string body, string pointer, string expected) =>
        Assert.Equal(expected, Encoding.UTF8.GetString(JsonBodyPointer.Set(Encoding.UTF8.GetBytes(body), pointer, JsonValue.Create(7))));
}
