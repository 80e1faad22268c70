using System.Globalization;
using System.Net;
using System.Text;

namespace Paginate.Bench.Engine;

/// <summary>
/// An in-process upstream: every request gets the same page as a streamed body, so the benchmark measures the
/// engine (read, parse, shape, write), not sockets. Each body opens with its own request number
/// (<c>{"request":7,</c> then the page's members), so no two pages are byte-identical: the repeated-page check
/// runs, and hashes every page, as it does against a real API.
/// </summary>
internal sealed class InMemoryUpstream : HttpMessageHandler
{
    private readonly ReadOnlyMemory<byte> _members;
    private long _bytesServed;
    private long _requests;

    public InMemoryUpstream(byte[] page)
    {
        if (page is not [(byte)'{', ..])
        {
            throw new ArgumentException("The bench page must be a JSON object.", nameof(page));
        }

        _members = page.AsMemory(1);
    }

    public long BytesServed => Interlocked.Read(ref _bytesServed);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _requests);
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"request\":{number},"));
        Interlocked.Add(ref _bytesServed, prefix.Length + _members.Length);
        var content = new StreamContent(new PrefixedStream(prefix, _members));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    /// <summary>A few bytes, then the shared page: read-only, forward-only, no copy of the page.</summary>
    private sealed class PrefixedStream(byte[] prefix, ReadOnlyMemory<byte> rest) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => prefix.Length + rest.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = 0;
            if (_position < prefix.Length)
            {
                read = Copy(prefix.AsSpan((int)_position), buffer);
            }

            if (read < buffer.Length && _position + read >= prefix.Length)
            {
                var from = (int)(_position + read - prefix.Length);
                read += Copy(rest.Span[from..], buffer[read..]);
            }

            _position += read;
            return read;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
        {
            var n = Math.Min(from.Length, to.Length);
            from[..n].CopyTo(to);
            return n;
        }
    }
}
