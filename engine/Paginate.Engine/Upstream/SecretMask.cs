using Paginate.Engine.Paging;

namespace Paginate.Engine.Upstream;

/// <summary>
/// Removes a run's secrets (placeholder values, forwarded header values) from text that may be shown,
/// e.g. an upstream error body that echoes the API key it was sent.
/// </summary>
internal static class SecretMask
{
    public const string Mask = "***";

    public static string Apply(string text, RunRequest run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var secret in Secrets(run))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Every secret of a run in the forms it may travel in, longest first.</summary>
    public static IEnumerable<string> Secrets(RunRequest run)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in run.Values.Values)
        {
            AddForms(set, value);
        }

        foreach (var header in run.ForwardedHeaders)
        {
            AddForms(set, header.Value);

            // "Bearer abc": the credential part alone may be echoed.
            var space = header.Value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && space < header.Value.Length - 1)
            {
                AddForms(set, header.Value[(space + 1)..].Trim());
            }
        }

        return set.OrderByDescending(s => s.Length);
    }

    private static void AddForms(HashSet<string> set, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        set.Add(value);
        set.Add(Uri.EscapeDataString(value));
        set.Add(System.Text.Json.JsonEncodedText.Encode(value).ToString());
    }
}
