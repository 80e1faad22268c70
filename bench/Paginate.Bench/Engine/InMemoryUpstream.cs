using System.Net;

namespace Paginate.Bench.Engine;

/// <summary>
/// An in-process upstream: every request gets the same page bytes as a streamed body, so the benchmark
/// measures the engine (read, parse, shape, write), not sockets.
/// </summary>
internal sealed class InMemoryUpstream : HttpMessageHandler
{
    private readonly byte[] _page;
    private long _bytesServed;

    public InMemoryUpstream(byte[] page) => _page = page;

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _bytesServed, _page.Length);
        var content = new StreamContent(new MemoryStream(_page, writable: false));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
