using Paginate.Engine.Paging;

namespace Paginate.Engine.Tests.Paging;

public sealed class TraceUrlTests
{
    [Fact]
    public void Mask_EveryQueryValueAndPlaceholderValueInPath_Masked()
    {
        var masked = TraceUrl.Mask(new Uri("https://user:pw@api.x.test:8443/v1/acct-CANARY7/items?limit=10&key=CANARY7&flag#frag"), ["acct-CANARY7", "CANARY7"]);
        Assert.Equal("https://api.x.test:8443/v1/***/items?limit=***&key=***&flag=***", masked);
    }
}
