using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paginate.ConfigAdmin.Tests.Tokens;

/// <summary>
/// A small real SMTP server on 127.0.0.1 port 0 (RFC 5321 without TLS): it records every command and every
/// message it accepts. <see cref="OfferStartTls"/> advertises STARTTLS and then refuses it (454), which is
/// enough to see whether a client asks for TLS without a certificate.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly Task _loop;

    private LoopbackSmtpServer(bool offerStartTls)
    {
        OfferStartTls = offerStartTls;
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public bool OfferStartTls { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Command lines as received (verb and arguments; message data excluded).</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>The DATA of each accepted message, dot-unstuffed.</summary>
    public IReadOnlyList<string> Messages => [.. _messages];

    public static LoopbackSmtpServer Start(bool offerStartTls = false) => new(offerStartTls);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await ServeAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // The client hung up mid-session (e.g. after a refused STARTTLS).
                }
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII);
        await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 localhost ESMTP test");
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            _commands.Enqueue(line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    if (OfferStartTls)
                    {
                        await writer.WriteLineAsync("250-STARTTLS");
                    }

                    await writer.WriteLineAsync("250 8BITMIME");
                    break;
                case "HELO" or "MAIL" or "RCPT" or "RSET" or "NOOP":
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "STARTTLS":
                    await writer.WriteLineAsync("454 TLS not available");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    _messages.Enqueue(data.ToString());
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 Command not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}
