using System.Text;
using Paginate.Engine.Tests.Paging;
using Paginate.Engine.Upstream;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>The body reader's memory follows the bytes that arrive, not what the headers announce.</summary>
[Collection(MemoryCollection.Name)]
public sealed class BodyReaderMemoryTests
{
    [Fact]
    public async Task ContentLengthAnnouncement_DoesNotReserveItsSize_BeforeBytesArrive()
    {
        // An announcement of 30 MB with 100 bytes behind it: read synchronously, on this thread, so the
        // thread's allocation counter sees every buffer the reader takes.
        var body = Encoding.UTF8.GetBytes("{\"data\":[" + new string(' ', 89) + "]}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentLength = 30_000_000;
        content.Headers.ContentType = new("application/json");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = UpstreamBody.ReadAsync(content, 32L * 1024 * 1024, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(read.IsCompleted);
        Assert.Equal(body, await read);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes for a 100-byte body");
    }
}
