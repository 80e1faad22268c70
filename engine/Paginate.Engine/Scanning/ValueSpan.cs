namespace Paginate.Engine.Scanning;

/// <summary>Where one JSON value lies in the page body: its first byte and its length.</summary>
internal readonly record struct ValueSpan(int Start, int Length);
