namespace Paginate.Engine.Scanning;

/// <summary>
/// One member of a container on the way to the items (an object property or an array element), kept so a
/// pagination path can find its value later without scanning the page again.
/// </summary>
/// <param name="Name">The raw property name (escaped as sent); empty for an array element.</param>
/// <param name="UnescapedName">The decoded name when the raw one holds escapes (rare); null otherwise.</param>
/// <param name="Index">The element index in an array level; -1 for a property.</param>
/// <param name="Value">Where the member's value lies.</param>
internal readonly record struct ScannedMember(ValueSpan Name, byte[]? UnescapedName, int Index, ValueSpan Value);
