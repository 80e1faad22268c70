using MailKit.Security;

namespace Paginate.ConfigAdmin.Tokens;

/// <summary>How the SMTP connection is secured, from <see cref="SmtpOptions"/>.</summary>
internal static class SmtpSecurity
{
    /// <summary>The port of SMTP over implicit TLS (RFC 8314 "submissions").</summary>
    public const int ImplicitTlsPort = 465;

    /// <summary>
    /// Port 465: TLS from the first byte. Otherwise STARTTLS whenever the server offers it; required (the
    /// send fails without it) when <see cref="SmtpOptions.EnableSsl"/> is true, or when it is unset and a
    /// login is configured, so a password never crosses the network in clear text because a server (or
    /// someone in the middle) left STARTTLS out. <c>EnableSsl=false</c> is clear text, for a local relay only.
    /// </summary>
    public static SecureSocketOptions For(SmtpOptions options) => (options.Port, options.EnableSsl) switch
    {
        (_, false) => SecureSocketOptions.None,
        (ImplicitTlsPort, _) => SecureSocketOptions.SslOnConnect,
        (_, true) => SecureSocketOptions.StartTls,
        _ when !string.IsNullOrEmpty(options.Username) => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };
}
