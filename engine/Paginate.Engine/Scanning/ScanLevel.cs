namespace Paginate.Engine.Scanning;

/// <summary>
/// One container on the way from the page root to the items: its members, and which of them leads on
/// (the last member that matched the items path: with duplicate keys, the last one wins, as in
/// <see cref="System.Text.Json.JsonElement.TryGetProperty(string, out System.Text.Json.JsonElement)"/>).
/// </summary>
internal sealed class ScanLevel
{
    public List<ScannedMember> Members { get; } = [];

    public bool IsArray { get; set; }

    /// <summary>The index in <see cref="Members"/> of the member on the items path; -1 when none matched.</summary>
    public int Onward { get; set; } = -1;

    public void Reset(bool isArray)
    {
        Members.Clear();
        IsArray = isArray;
        Onward = -1;
    }
}
