using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Scripting.Runtime;

/// <summary>
/// Rate-limit handling a script set with <c>@request.ratelimit.set(allowlist, header, wait, retry)</c> for the rest
/// of its run: a response whose status is in <see cref="StatusCodes"/>, or that carries <see cref="Header"/>, is
/// throttled; the page is then requested again after <see cref="WaitMs"/> (a <c>Retry-After</c> header wins), at
/// most <see cref="Retries"/> times. The loop's own timeouts still bound the waits.
/// </summary>
public sealed record ScriptRateLimit(IReadOnlyList<int> StatusCodes, string? Header, int WaitMs, int Retries);
