using Paginate.Engine.Paging.Strategies;

namespace Paginate.Engine.Tests.Paging.Strategies;

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
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("<https://x.test/unterminated; rel=next")]
    [InlineData("<https://x.test/a>; rel=\"prev\"")]
    public void FindTarget_NoNextOrMalformed_ReturnsNull(string header) => Assert.Null(LinkHeader.FindTarget([header], "next"));
}
