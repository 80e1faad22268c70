using System.Text.Json.Serialization;

namespace Paginate.ConfigAdmin.Ui;

/// <summary>
/// The home page's links (<c>Admin:Links</c>): the open-source repository, the pagination engine and the security
/// notes. Each is optional; an unset or non-http(s) value is null and the UI leaves that link out.
/// </summary>
internal sealed record UiLinks(
    [property: JsonPropertyName("open_source")] string? OpenSource,
    [property: JsonPropertyName("engine")] string? Engine,
    [property: JsonPropertyName("security_notes")] string? SecurityNotes)
{
    public const string Section = "Admin:Links";

    public static UiLinks From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new UiLinks(Web(section["OpenSource"]), Web(section["Engine"]), Web(section["SecurityNotes"]));
    }

    private static string? Web(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;
}
