using System.Text;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Tests.Paging.Strategies;

public sealed class ParamWriterTests
{
    private static PageRequest Get(string url) => new() { Method = HttpMethod.Get, Uri = new Uri(url) };

    [Fact]
    public void SetQuery_ExistingParam_IsReplacedOthersKeptAsWritten()
    {
        var uri = ParamWriter.SetQuery(new Uri("https://x.test/items?limit=10&page=1&email=a%40b.co&page=7"), "page", "2");
        Assert.Equal("https://x.test/items?limit=10&page=2&email=a%40b.co", uri.AbsoluteUri);
    }

    [Fact]
    public void SetQuery_MissingParam_IsAppendedEscaped()
    {
        Assert.Equal("https://x.test/items?after=a%2Bb%3D%26c", ParamWriter.SetQuery(new Uri("https://x.test/items"), "after", "a+b=&c").AbsoluteUri);
        Assert.Equal("https://x.test/items?q=1&after=x", ParamWriter.SetQuery(new Uri("https://x.test/items?q=1"), "after", "x").AbsoluteUri);
    }

    [Fact]
    public void Set_Header_ReplacesCaseInsensitively()
    {
        var request = Get("https://x.test/") with { Headers = [new("X-Cursor", "old"), new("Accept", "application/json")] };
        var next = ParamWriter.Set(request, new ParamPlacement { In = ParamLocations.Header, Name = "x-cursor" }, "new");
        Assert.Equal("new", next.GetHeader("X-Cursor"));
        Assert.Equal(2, next.Headers.Count);
        Assert.Equal("old", request.GetHeader("X-Cursor"));
    }

    [Fact]
    public void Set_BodyPointer_GraphQlVariablesAfter_KeepsQuery()
    {
        var request = Get("https://x.test/graphql") with { Method = HttpMethod.Post, Body = Encoding.UTF8.GetBytes("""{"query":"query($after:String){x}","variables":{"first":50}}""") };
        var next = ParamWriter.Set(request, new ParamPlacement { In = ParamLocations.Body, Name = "/variables/after" }, "Y3Vyc29y");
        Assert.Equal("""{"query":"query($after:String){x}","variables":{"first":50,"after":"Y3Vyc29y"}}""", Encoding.UTF8.GetString(next.Body!));
    }

    [Fact]
    public void Set_BodyPointer_CreatesIntermediateObjects_NumbersStayNumbers()
    {
        var request = Get("https://x.test/run") with { Method = HttpMethod.Post, Body = Encoding.UTF8.GetBytes("""{"credentialId":"c1"}""") };
        var next = ParamWriter.Set(request, new ParamPlacement { In = ParamLocations.Body, Name = "/input/offset" }, 50L);
        Assert.Equal("""{"credentialId":"c1","input":{"offset":50}}""", Encoding.UTF8.GetString(next.Body!));
    }

    [Fact]
    public void Set_BodyPointer_NoBody_StartsFromEmptyObject_AndUnescapesTokens()
    {
        var next = ParamWriter.Set(Get("https://x.test/") with { Method = HttpMethod.Post }, new ParamPlacement { In = ParamLocations.Body, Name = "/a~1b/c~0d" }, "v");
        Assert.Equal("""{"a/b":{"c~d":"v"}}""", Encoding.UTF8.GetString(next.Body!));
    }

    [Fact]
    public void Set_BodyPointer_ScalarInTheWay_IsReplacedByObject()
    {
        var request = Get("https://x.test/") with { Body = Encoding.UTF8.GetBytes("""{"page":"x","items":[{"a":1}]}""") };
        Assert.Equal("""{"page":{"n":2},"items":[{"a":1}]}""", Encoding.UTF8.GetString(ParamWriter.Set(request, new ParamPlacement { In = ParamLocations.Body, Name = "/page/n" }, 2L).Body!));
        Assert.Equal("""{"page":"x","items":[{"a":1,"b":3}]}""", Encoding.UTF8.GetString(ParamWriter.Set(request, new ParamPlacement { In = ParamLocations.Body, Name = "/items/0/b" }, 3L).Body!));
    }

    [Fact]
    public void Fingerprint_DiffersByBodyAndHeader_SameForEqualRequests()
    {
        var a = Get("https://x.test/a");
        Assert.Equal(RequestFingerprint.Of(a), RequestFingerprint.Of(Get("https://x.test/a")));
        Assert.NotEqual(RequestFingerprint.Of(a), RequestFingerprint.Of(a.WithHeader("X-Cursor", "1")));
        Assert.NotEqual(RequestFingerprint.Of(a), RequestFingerprint.Of(a with { Body = [1] }));
    }

    [Fact]
    public void PageRequest_ToString_HidesUrlHeadersAndBody()
    {
        var request = Get("https://x.test/a?key=CANARY-Q") with { Headers = [new("X-Static", "CANARY-H")], Body = Encoding.UTF8.GetBytes("CANARY-B") };
        Assert.DoesNotContain("CANARY", request.ToString(), StringComparison.Ordinal);
    }
}
