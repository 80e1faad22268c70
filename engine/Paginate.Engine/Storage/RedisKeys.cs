using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>
/// Every Redis key and channel Paginate uses, in one place. Values never hold a header value,
/// placeholder value or token: only runner definitions, token hashes and metadata.
/// </summary>
/// <remarks>
/// Keys written together share a hash tag (the part in braces), so every multi-key transaction, script and
/// MGET stays in one Redis Cluster slot (CONTRACT §6.9): the catalog (runners, index, version, tokens) is
/// <c>{catalog}</c>, a budget scope is <c>{budget:&lt;scope&gt;}</c>. Per-runner lists touched one key at a
/// time need no tag. The untagged keys of earlier versions are copied over by <see cref="CatalogKeyMigration"/>.
/// </remarks>
public static class RedisKeys
{
    private const string Catalog = "paginate:{catalog}:";

    /// <summary>String: the stored runner as JSON (<c>{ id, created_at, config }</c>). Written once (SET NX).</summary>
    public static RedisKey Runner(string id) => Catalog + "runner:" + id;

    /// <summary>Sorted set: runner ids scored by creation time (unix ms).</summary>
    public static readonly RedisKey RunnerIndex = Catalog + "runners";

    /// <summary>Integer: bumped on every runner create and token change; gateways poll it.</summary>
    public static readonly RedisKey CatalogVersion = Catalog + "version";

    /// <summary>Pub/sub channel: <c>runner:{id}</c> or <c>token:{id}</c> on each change (at-most-once).</summary>
    public static readonly RedisChannel CatalogChannel = RedisChannel.Literal("paginate:catalog");

    /// <summary>Hash: the runner's token metadata (<c>hash</c>, <c>issued_at</c>, <c>rotations</c>, <c>recipient</c>).</summary>
    public static RedisKey Token(string runnerId) => Catalog + "token:" + runnerId;

    /// <summary>Hash: runner id to current token hash, for gateways to load in one call.</summary>
    public static readonly RedisKey TokenHashes = Catalog + "token-hashes";

    /// <summary>String: set once the untagged catalog keys of earlier versions were copied to the tagged ones.</summary>
    public static readonly RedisKey CatalogMigrated = Catalog + "migrated-untagged";

    /// <summary>List: call records as JSON, newest first, capped.</summary>
    public static RedisKey Calls(string runnerId) => "paginate:calls:" + runnerId;

    /// <summary>
    /// Hash: the runner's lifetime call counters (<see cref="CallTotalsFields"/>), written in the same script as its records.
    /// The hash tag is the whole name of the record list, whose own slot is the hash of its full name: both keys land in
    /// one Redis Cluster slot, so one script may write both, and the list keeps the name it always had (no migration).
    /// </summary>
    public static RedisKey CallTotals(string runnerId) => "{paginate:calls:" + runnerId + "}:totals";

    /// <summary>
    /// String: the GCRA token time (µs, Redis clock) of a budget scope (a runner id, or a runner id and a keyed
    /// credential hash). Shares its hash tag with <see cref="BudgetHold"/>: the script touching both runs in one slot.
    /// </summary>
    public static RedisKey BudgetTokens(string scopeKey) => "paginate:{budget:" + scopeKey + "}:tokens";

    /// <summary>String with an expiry: the time (µs, Redis clock) until which the scope's upstream asked every caller to wait.</summary>
    public static RedisKey BudgetHold(string scopeKey) => "paginate:{budget:" + scopeKey + "}:hold";

    /// <summary>String: the random key of the credential-scope hash, created once, when no key is configured.</summary>
    public static readonly RedisKey BudgetHashKey = "paginate:budget-hash-key";

    /// <summary>List: usage notes as JSON, oldest first.</summary>
    public static RedisKey Notes(string runnerId) => "paginate:notes:" + runnerId;
}
