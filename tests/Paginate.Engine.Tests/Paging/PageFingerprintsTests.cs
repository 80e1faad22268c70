using System.Text;
using Paginate.Engine.Contracts;
using Paginate.Engine.Json;
using Paginate.Engine.Paging;
using Paginate.Engine.Scanning;

namespace Paginate.Engine.Tests.Paging;

/// <summary>
/// The repeated-page check reads each page's raw bytes from its buffer: a page read by the scan is never parsed
/// into a document for it (that parse was most of a one-page call's CPU when the check read <c>page.Body</c>).
/// </summary>
public sealed class PageFingerprintsTests
{
    private const string Page = """{"data":[{"id":1},{"id":2}],"next":"c2"}""";

    [Fact]
    public void ScannedPage_IsFingerprintedFromItsBytes_WithoutParsingIt()
    {
        using var page = Scanned(" \r\n" + Page + "\t ");
        var fingerprints = new PageFingerprints();

        Assert.True(fingerprints.AddIsNew(page.RawBody));
        Assert.False(page.BodyParsed);
        Assert.Equal(Page, Encoding.UTF8.GetString(page.RawBody));
    }

    [Fact]
    public void SameBytes_AreRepeated_WhitespaceAroundTheRootIsNot_AnyValueChangeIsNew()
    {
        var fingerprints = new PageFingerprints();
        using var first = Scanned(Page);
        using var again = Scanned("\n" + Page + "\n");
        using var other = Scanned(Page.Replace("c2", "c3", StringComparison.Ordinal));
        using var spaced = Scanned(Page.Replace(",", ", ", StringComparison.Ordinal));

        Assert.True(fingerprints.AddIsNew(first.RawBody));
        Assert.False(fingerprints.AddIsNew(again.RawBody));
        Assert.True(fingerprints.AddIsNew(other.RawBody));
        Assert.True(fingerprints.AddIsNew(spaced.RawBody));
    }

    [Fact]
    public void PageReadIntoADocument_HasTheSameRawBody_AsTheScannedOne()
    {
        using var scanned = Scanned(Page);
        using var whole = new PageResponse(200, null, null, PageScanner.Scan(Encoding.UTF8.GetBytes(" " + Page + " "), JsonPath.Parse("data"), wholeDocument: true));

        Assert.Equal(scanned.RawBody.ToArray(), whole.RawBody.ToArray());
        Assert.True(whole.BodyParsed);
    }

    [Fact]
    public void RequestFingerprint_IgnoresHeaderOrderAndNameCase_ButNotValuesOrBody()
    {
        var request = new PageRequest
        {
            Method = HttpMethod.Post,
            Uri = new Uri("https://api.example.com/items?page=2"),
            Headers = [new("X-A", "1"), new("x-b", "2")],
            Body = "{}"u8.ToArray(),
        };

        Assert.Equal(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { Headers = [new("X-B", "2"), new("x-a", "1")] }));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { Headers = [new("X-A", "1"), new("x-b", "3")] }));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { Body = [] }));
        Assert.NotEqual(RequestFingerprint.Of(request with { Body = [] }), RequestFingerprint.Of(request with { Body = null }));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { Uri = new Uri("https://api.example.com/items?page=3") }));

        // Lengths are hashed with the fields, so moving a character from a name to its value is another request.
        Assert.NotEqual(
            RequestFingerprint.Of(request with { Headers = [new("X-AB", "C")] }),
            RequestFingerprint.Of(request with { Headers = [new("X-A", "BC")] }));
    }

    private static PageResponse Scanned(string body) =>
        new(200, null, null, PageScanner.Scan(Encoding.UTF8.GetBytes(body), JsonPath.Parse("data")));
}
