using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>
/// Sends a runner token by mail through MailKit: SMTP (implicit TLS on 465, STARTTLS whenever the server
/// offers it, see <see cref="SmtpSecurity"/>), or a <c>.eml</c> file in the pickup directory. The token is
/// only ever in the message body, alone on its line; exceptions are turned into a plain outcome so no
/// message text can carry it.
/// </summary>
internal sealed partial class TokenMailer(IOptions<SmtpOptions> options, ILogger<TokenMailer> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>RFC 5322 line ends (CRLF) in pickup files too, as on the wire, whatever the platform.</summary>
    private static readonly FormatOptions PickupFormat = CreatePickupFormat();

    private readonly SmtpOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    public async Task<bool> SendAsync(string recipient, string runnerId, string runnerName, string token, string gatewayRunnerUrl, CancellationToken cancellationToken)
    {
        using var message = Compose(recipient, runnerId, runnerName, token, gatewayRunnerUrl);
        try
        {
            if (!string.IsNullOrWhiteSpace(_options.PickupDirectory))
            {
                await WritePickupFileAsync(message, _options.PickupDirectory, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SendSmtpAsync(message, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception ex) when (ex is CommandException or ProtocolException or AuthenticationException or SslHandshakeException
            or SocketException or IOException or TimeoutException or InvalidOperationException or UnauthorizedAccessException or NotSupportedException)
        {
            // The exception type only: SMTP replies may quote the message.
            LogMailFailed(logger, runnerId, ex.GetType().Name);
            return false;
        }
    }

    private MimeMessage Compose(string recipient, string runnerId, string runnerName, string token, string gatewayRunnerUrl)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(MailboxAddress.Parse(recipient));
        message.Subject = $"Your Paginate token for {OneLine(runnerName)} ({runnerId})";

        // Plain 7-bit text: the body is ASCII (the runner's name, which may not be, is only in the
        // subject), so the token stays one greppable line instead of being wrapped by an encoding.
        var body = new TextPart(TextFormat.Plain)
        {
            Text = $"""
                A new token was issued for the Paginate runner {runnerId}.

                Send it with every call in the header x-clay-paginate-token. The token is the next line:

                {token}

                Runner URL: {gatewayRunnerUrl}

                The previous token of this runner stops working now. Keep this token secret: anyone who has it
                can call the runner. It is not stored anywhere in readable form and cannot be shown again;
                ask for a new one if it is lost.
                """.ReplaceLineEndings("\r\n"),
            ContentTransferEncoding = ContentEncoding.SevenBit,
        };
        body.ContentType.Charset = "us-ascii";
        message.Body = body;
        return message;
    }

    /// <summary>Written under a temporary name and renamed, so a reader of the directory never sees half a mail.</summary>
    private static async Task WritePickupFileAsync(MimeMessage message, string directory, CancellationToken cancellationToken)
    {
        var name = Guid.NewGuid().ToString("N");
        var partial = Path.Combine(directory, name + ".tmp");
        await message.WriteToAsync(PickupFormat, partial, cancellationToken).ConfigureAwait(false);
        File.Move(partial, Path.Combine(directory, name + ".eml"));
    }

    private async Task SendSmtpAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        await client.ConnectAsync(_options.Host!, _options.Port, SmtpSecurity.For(_options), timeout.Token).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            await client.AuthenticateAsync(_options.Username, _options.Password ?? string.Empty, timeout.Token).ConfigureAwait(false);
        }

        await client.SendAsync(message, timeout.Token).ConfigureAwait(false);
        await client.DisconnectAsync(quit: true, timeout.Token).ConfigureAwait(false);
    }

    private static FormatOptions CreatePickupFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Token mail for runner {RunnerId} could not be sent ({ErrorType})")]
    private static partial void LogMailFailed(ILogger logger, string runnerId, string errorType);

    /// <summary>
    /// The name as one line: runners saved before names were checked for control characters may hold line
    /// breaks or NULs, and runners are immutable, so each run of them becomes one space here instead.
    /// </summary>
    private static string OneLine(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        var gap = false;
        foreach (var c in name)
        {
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                gap = true;
                continue;
            }

            if (gap && text.Length > 0)
            {
                text.Append(' ');
            }

            gap = false;
            text.Append(c);
        }

        return text.ToString();
    }
}
