using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Caching;

/// <summary>A complete answer kept in memory: the bytes up to the end of the items, and the run's result for <c>meta</c>.</summary>
internal sealed record CachedAnswer(byte[] Items, RunResult Result, DateTimeOffset Expires);
