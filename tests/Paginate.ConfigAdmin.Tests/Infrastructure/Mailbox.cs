using System.Text;
using System.Text.RegularExpressions;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>Reads the .eml files of a pickup directory (quoted-printable bodies decoded).</summary>
public static partial class Mailbox
{
    public static string[] Files(string directory) => Directory.GetFiles(directory, "*.eml");

    /// <summary>The decoded text of the only new mail since <paramref name="seen"/> files.</summary>
    public static string ReadNewest(string directory, int seen)
    {
        var files = Files(directory).Select(f => new FileInfo(f)).OrderBy(f => f.CreationTimeUtc).ToList();
        Assert.Equal(seen + 1, files.Count);
        return Decode(File.ReadAllText(files[^1].FullName));
    }

    /// <summary>The runner token in a mail.</summary>
    public static string Token(string mail) => TokenPattern().Match(mail) is { Success: true } match
        ? match.Value
        : throw new InvalidOperationException("no token in the mail");

    private static string Decode(string raw)
    {
        var text = raw.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal);
        return QuotedByte().Replace(text, m => Encoding.Latin1.GetString([Convert.ToByte(m.Groups[1].Value, 16)]));
    }

    [GeneratedRegex("cpt_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("=([0-9A-F]{2})")]
    private static partial Regex QuotedByte();
}
