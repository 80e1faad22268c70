namespace Paginate.ConfigAdmin.Tokens;

/// <summary>The <c>Smtp</c> section (CONTRACT §4): how token mails are delivered.</summary>
public sealed record SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>SMTP server host. Required unless <see cref="PickupDirectory"/> is set.</summary>
    public string? Host { get; init; }

    /// <summary>SMTP port (default 25).</summary>
    public int Port { get; init; } = 25;

    /// <summary>Sender address (default <c>paginate@localhost</c>).</summary>
    public string From { get; init; } = "paginate@localhost";

    /// <summary>SMTP user name; with <see cref="Password"/>, the server login. Unset: no login (a trusted relay).</summary>
    public string? Username { get; init; }

    /// <summary>SMTP password. A secret: from the chart's Secret, never logged.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// TLS to the SMTP server. Unset (default): implicit TLS on port 465, else STARTTLS whenever the server
    /// offers it (required when a login is set). True: TLS is required (STARTTLS, or implicit on 465).
    /// False: clear text, for a local relay.
    /// </summary>
    public bool? EnableSsl { get; init; }

    /// <summary>When set, each mail is written to this directory as a <c>.eml</c> file instead of sent.</summary>
    public string? PickupDirectory { get; init; }

    /// <summary>True when one of the delivery methods is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(PickupDirectory) || !string.IsNullOrWhiteSpace(Host);
}
