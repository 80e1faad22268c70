using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// A raw TCP upstream on loopback that answers every connection with complete headers announcing 4 KiB,
/// 100 bytes of body, then closes its side. Raw so the cut is exact: headers always arrive, the body never
/// completes (a web server would race its own abort against sending the headers).
/// </summary>
public sealed class CutMidBodyUpstream : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private CutMidBodyUpstream()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Connections => Volatile.Read(ref _connections);

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public static CutMidBodyUpstream Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            var stream = client.GetStream();

            // Read the request head before answering, so closing never discards unread input (no reset).
            var head = new StringBuilder();
            var buffer = new byte[4096];
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                head.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var body = "{\"data\":[" + new string(' ', 91);
            var answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\nConnection: close\r\n\r\n" + body;
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }
}
