namespace Paginate.Engine.Storage;

/// <summary>Runners: created once, never overwritten, read by id or all at once.</summary>
public interface IRunnerStore
{
    /// <summary>
    /// Stores a new runner only if its id is free (SET NX), indexes it, bumps the catalog version and
    /// publishes a change. False when the id exists: an existing runner is never overwritten.
    /// </summary>
    Task<bool> TryCreateAsync(StoredRunner runner, CancellationToken cancellationToken = default);

    Task<StoredRunner?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>All runners, newest first.</summary>
    Task<IReadOnlyList<RunnerSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The ids of every runner (for incremental catalog loads).</summary>
    Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads many runners at once (missing ids are skipped).</summary>
    Task<IReadOnlyList<StoredRunner>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken = default);
}

/// <summary>Runner tokens, as hashes only.</summary>
public interface ITokenStore
{
    Task<TokenRecord?> GetAsync(string runnerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the runner's token hash (the old token stops working), counts the rotation, bumps the
    /// catalog version and publishes a change. Returns the stored record.
    /// </summary>
    Task<TokenRecord> SetAsync(string runnerId, string hash, string maskedRecipient, DateTimeOffset issuedAt, CancellationToken cancellationToken = default);

    /// <summary>Every runner's current token hash, by runner id.</summary>
    Task<IReadOnlyDictionary<string, string>> GetAllHashesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Call records, newest first, capped per runner; and lifetime counters per runner, written with them.</summary>
public interface ICallRecordStore
{
    Task AppendAsync(string runnerId, CallRecord record, CancellationToken cancellationToken = default);

    /// <summary>Appends records of any runners in one pipelined round trip; each runner's records and counters atomically.</summary>
    Task AppendManyAsync(IReadOnlyList<(string RunnerId, CallRecord Record)> records, CancellationToken cancellationToken = default);

    /// <summary>The runner's lifetime counters (empty for a runner never called).</summary>
    Task<CallTotals> ReadTotalsAsync(string runnerId, CancellationToken cancellationToken = default);

    /// <summary>Lifetime counters of many runners in one pipelined round trip, in the order of <paramref name="runnerIds"/>.</summary>
    Task<IReadOnlyList<CallTotals>> ReadTotalsAsync(IReadOnlyList<string> runnerIds, CancellationToken cancellationToken = default);

    /// <summary>Records at or after <paramref name="since"/> (all when null), newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<CallRecord>> ReadAsync(string runnerId, DateTimeOffset? since, int max, CancellationToken cancellationToken = default);
}

/// <summary>Append-only usage notes.</summary>
public interface IUsageNoteStore
{
    Task AppendAsync(string runnerId, UsageNote note, CancellationToken cancellationToken = default);

    /// <summary>Oldest first.</summary>
    Task<IReadOnlyList<UsageNote>> ListAsync(string runnerId, CancellationToken cancellationToken = default);
}

/// <summary>The catalog's change signal: a version number polled, and a pub/sub channel.</summary>
public interface ICatalogChangeFeed
{
    /// <summary>The current catalog version (bumped on every runner create and token change).</summary>
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onChange"/> with the message (<c>runner:{id}</c> or <c>token:{id}</c>) for each change; at-most-once.</summary>
    Task SubscribeAsync(Action<string> onChange, CancellationToken cancellationToken = default);
}
