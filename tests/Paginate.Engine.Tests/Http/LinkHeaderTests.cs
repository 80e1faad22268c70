using Paginate.Engine.Http;

namespace Paginate.Engine.Tests.Http;

/// <summary>The one Link parser against RFC 8288's grammar and against broken headers real APIs send.</summary>
public sealed class LinkHeaderTests
{
    [Fact]
    public void FindTarget_GitHubHeader_ReturnsNext()
    {
        const string header = "<https://api.github.com/repositories/1300192/issues?page=2>; rel=\"prev\", " +
            "<https://api.github.com/repositories/1300192/issues?page=4>; rel=\"next\", " +
            "<https://api.github.com/repositories/1300192/issues?page=515>; rel=\"last\", " +
            "<https://api.github.com/repositories/1300192/issues?page=1>; rel=\"first\"";

        Assert.Equal("https://api.github.com/repositories/1300192/issues?page=4", LinkHeader.FindTarget([header], "next"));
        Assert.Equal("https://api.github.com/repositories/1300192/issues?page=515", LinkHeader.Find(header, "last"));
    }

    [Fact]
    public void FindTarget_RelWithSeveralValues_MatchesEach()
    {
        Assert.Equal("/p/9", LinkHeader.FindTarget(["</p/9>; rel=\"next last\""], "next"));
        Assert.Equal("/p/9", LinkHeader.FindTarget(["</p/9>; rel=\"next last\""], "LAST"));
    }

    [Fact]
    public void FindTarget_SeveralHeaders_LooksInEach() =>
        Assert.Equal("/b", LinkHeader.FindTarget(["</a>; rel=prev", "</b>; rel=next"], "next"));

    [Fact]
    public void FindTarget_CommasAndSemicolonsInsideUriAndQuotes_AreNotSeparators()
    {
        const string header = "<https://x.test/a?ids=1,2;3>; title=\"a, b; c\"; rel=\"prev\" ,<https://x.test/b?ids=4,5>;rel=next";
        Assert.Equal("https://x.test/b?ids=4,5", LinkHeader.FindTarget([header], "next"));
        Assert.Equal("https://x.test/a?ids=1,2;3", LinkHeader.FindTarget([header], "prev"));
    }

    [Fact]
    public void FindTarget_OddSpacingAndTokenRel_Parses() =>
        Assert.Equal("/n", LinkHeader.FindTarget(["   <  /n >  ;   rel =  next   ;  type=\"application/json\"  "], "next"));

    [Fact]
    public void FindTarget_EscapedQuoteInParam_DoesNotBreakParsing() =>
        Assert.Equal("/n", LinkHeader.FindTarget(["</p>; title=\"say \\\"hi, there\\\"\"; rel=prev, </n>; rel=\"next\""], "next"));

    [Fact]
    public void FindTarget_OnlyFirstRelCounts() =>
        Assert.Null(LinkHeader.FindTarget(["</p>; rel=prev; rel=next"], "next"));

    [Theory]
    [InlineData("<a>; rel=\"prev next\"", "a")]
    [InlineData("<a>; rel=next", "a")]
    [InlineData("<a>; rel=NEXT", "a")]
    [InlineData("<a>;rel=next;type=text/html", "a")]
    [InlineData("<a>; REL=\"Next\"", "a")]
    [InlineData("<a,b>; title=\"x, y\"; rel=\"next\"", "a,b")]
    [InlineData("<a>; rel=\"last\", <b>; REL=\"Next\"", "b")]
    [InlineData("<a>; title*=UTF-8'de'n%c3%a4chstes; rel=next", "a")]
    [InlineData("<a>; anchor=\"#x\"; rel=\"next\"\t, <b>; rel=\"last\"", "a")]
    [InlineData(",, <a>; rel=next ,", "a")]
    [InlineData("<a>; rel=\"nextish\"", null)]
    [InlineData("<a>; rel", null)]
    [InlineData("<a>; rel=\"\"", null)]
    [InlineData("</p>; title=\"say \\\"hi, there\\\"\"; rel=prev, </n>; rel=\"next\"", "/n")]
    [InlineData("<https://x.test/a?ids=1,2;3>; rel=\"next\"", "https://x.test/a?ids=1,2;3")]
    public void Find_Rfc8288Forms_ReturnTheNextTarget(string header, string? expected) =>
        Assert.Equal(expected, LinkHeader.Find(header, "next"));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("rel=next")]
    [InlineData("<unclosed; rel=next")]
    [InlineData("<https://x.test/unterminated; rel=next")]
    [InlineData("<https://x.test/a>; rel=\"prev\"")]
    [InlineData("<https://x.test/a b>; rel=next")]
    [InlineData("<https://x.test/a\tb>; rel=next")]
    [InlineData("<https://x.test/\"a\">; rel=next")]
    [InlineData("<https://x.test/a>; rel=\"next")]
    [InlineData("<https://x.test/a>; title=\"unterminated, <https://x.test/b>; rel=next")]
    [InlineData("<>; rel=next")]
    [InlineData(">; rel=next <")]
    [InlineData("<<<>>>; rel=next")]
    [InlineData(";;;,,,<")]
    public void Find_BrokenHeaders_FindNothing(string header) => Assert.Null(LinkHeader.Find(header, "next"));

    [Fact]
    public void Find_UnclosedTargetBeforeAnotherLink_RestartsAtTheInnerLinkInsteadOfJoiningThem()
    {
        // The header: taking everything between the first '<' and the first '>' requested "/a,%20%3Chttps://...".
        const string header = "<https://api.example/a, <https://api.example/b>; rel=\"next\"";

        Assert.Equal("https://api.example/b", LinkHeader.Find(header, "next"));
    }

    [Fact]
    public void Find_TargetWithWhitespace_IsSkippedAndTheNextLinkStillCounts() =>
        Assert.Equal("/ok", LinkHeader.Find("</a b>; rel=next, </ok>; rel=next", "next"));

    [Fact]
    public void Find_JunkAfterParameters_KeepsTheLinkAndReadsTheNextOne()
    {
        Assert.Equal("/a", LinkHeader.Find("</a>; rel=next junk, </b>; rel=last", "next"));
        Assert.Equal("/b", LinkHeader.Find("</a>; rel=next junk, </b>; rel=last", "last"));
    }

    [Fact]
    public void Parse_SeveralLinks_ReturnsEachTargetWithItsRels()
    {
        var links = LinkHeader.Parse("</1>; rel=\"first prev\", </3>; rel=next; title=\"n, 3\", </9>; rel=last");

        Assert.Equal(["/1", "/3", "/9"], links.Select(l => l.Target));
        Assert.Equal(["first", "prev"], links[0].Rels);
        Assert.Equal(["next"], links[1].Rels);
        Assert.Equal(["last"], links[2].Rels);
    }
}
