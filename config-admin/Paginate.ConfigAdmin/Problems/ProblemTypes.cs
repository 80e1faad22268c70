namespace Paginate.ConfigAdmin.Problems;

/// <summary>
/// The <c>type</c> URIs of the admin API's problem details. The last segment is the stable part a client
/// matches on (e.g. <c>/unauthorized</c>, as on the gateway).
/// </summary>
internal static class ProblemTypes
{
    private const string Base = "https://paginate.dev/problems/";

    public const string Unauthorized = Base + "unauthorized";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Validation = Base + "validation";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string Conflict = Base + "conflict";
    public const string MailFailed = Base + "mail-failed";
    public const string MailNotConfigured = Base + "mail-not-configured";
    public const string RateLimited = Base + "rate-limited";
    public const string UpstreamFailed = Base + "upstream-failed";
    public const string Internal = Base + "internal";

    /// <summary>The type of a status without a more specific one.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => Validation,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status409Conflict => Conflict,
        >= 500 => Internal,
        _ => Base + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
