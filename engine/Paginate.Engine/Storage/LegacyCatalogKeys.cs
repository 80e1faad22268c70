using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// The catalog keys before they shared a hash tag. Read only by <see cref="CatalogKeyMigration"/>; nothing writes
/// them any more, and they are left in place so an older gateway in a rolling upgrade keeps its catalog.
/// </summary>
internal static class LegacyCatalogKeys
{
    public static RedisKey Runner(string id) => "paginate:runner:" + id;

    public static readonly RedisKey RunnerIndex = "paginate:runners";

    public static readonly RedisKey CatalogVersion = "paginate:catalog:version";

    public static RedisKey Token(string runnerId) => "paginate:token:" + runnerId;

    public static readonly RedisKey TokenHashes = "paginate:token-hashes";
}
