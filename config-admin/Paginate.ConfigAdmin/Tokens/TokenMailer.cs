using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>
/// Sends a runner token by mail: SMTP, or a <c>.eml</c> file in the pickup directory. The token is only
/// ever in the message body; exceptions are turned into a plain outcome so no message text can carry it.
/// </summary>
internal sealed partial class TokenMailer(IOptions<SmtpOptions> options, ILogger<TokenMailer> logger)
{
    private readonly SmtpOptions _options = options.Value;

    public bool IsConfigured => _options.IsConfigured;

    public async Task<bool> SendAsync(string recipient, string runnerId, string runnerName, string token, string gatewayRunnerUrl, CancellationToken cancellationToken)
    {
        using var message = new MailMessage(_options.From, recipient)
        {
            Subject = $"Your Paginate token for {runnerName} ({runnerId})",
            Body = $"""
                A new token was issued for the Paginate runner "{runnerName}" ({runnerId}).

                Send it with every call in the header:

                    x-clay-paginate-token: {token}

                Runner URL: {gatewayRunnerUrl}

                The previous token of this runner stops working now. Keep this token secret: anyone who has it
                can call the runner. It is not stored anywhere in readable form and cannot be shown again;
                ask for a new one if it is lost.
                """,
        };

        using var client = new SmtpClient { Timeout = 15_000 };
        if (!string.IsNullOrWhiteSpace(_options.PickupDirectory))
        {
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = _options.PickupDirectory;
        }
        else
        {
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            client.Host = _options.Host!;
            client.Port = _options.Port;
        }

        try
        {
            await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SmtpException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The exception type only: SMTP replies may quote the message.
            LogMailFailed(logger, runnerId, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Token mail for runner {RunnerId} could not be sent ({ErrorType})")]
    private static partial void LogMailFailed(ILogger logger, string runnerId, string errorType);
}
