using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;
using Paginate.Engine.Storage;
using Paginate.Gateway.Upstream;

namespace Paginate.Gateway.Catalog;

/// <summary>
/// Keeps <see cref="RunnerCatalog"/> in step with Redis. Pub/sub wakes it at once, but pub/sub is
/// at-most-once, so it also polls the catalog version every second and reloads whatever it missed.
/// Runners are immutable: only unknown ids are fetched and compiled; token hashes are reloaded whole on
/// every change. When Redis is away the last good snapshot keeps serving and the catalog is marked stale.
/// </summary>
internal sealed class CatalogRefresher : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RunnerCatalog _catalog;
    private readonly IRunnerStore _runners;
    private readonly ITokenStore _tokens;
    private readonly ICatalogChangeFeed _feed;
    private readonly RunnerCompileOptions _compileOptions;
    private readonly ILogger<CatalogRefresher> _logger;
    private readonly ClusterDirectory _clusters;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private bool _subscribed;
    private int _pendingChanges;

    public CatalogRefresher(
        RunnerCatalog catalog,
        IRunnerStore runners,
        ITokenStore tokens,
        ICatalogChangeFeed feed,
        IOptions<GatewayOptions> options,
        ClusterDirectory clusters,
        TimeProvider time,
        ILogger<CatalogRefresher> logger)
    {
        _time = time;
        _clusters = clusters;
        _catalog = catalog;
        _runners = runners;
        _tokens = tokens;
        _feed = feed;
        _compileOptions = new RunnerCompileOptions { AllowPrivateUpstreams = options.Value.AllowPrivateUpstreams };
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await TrySubscribeAsync(stoppingToken).ConfigureAwait(false);
            // After a failed refresh, reload whatever the version says: Redis may have restarted empty and
            // counted up to the very version we hold.
            var force = Interlocked.Exchange(ref _pendingChanges, 0) > 0 || _catalog.Stale;
            // Read before the refresh: a successful refresh publishes a snapshot, which clears the flag.
            var wasStale = _catalog.Stale;
            try
            {
                await RefreshAsync(force, stoppingToken).ConfigureAwait(false);
                _catalog.MarkFresh(_time.GetUtcNow());
                if (wasStale)
                {
                    CatalogLog.Recovered(_logger, _catalog.Current.Version);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                if (!_catalog.Stale)
                {
                    CatalogLog.RefreshFailed(_logger, ex.GetType().Name, _catalog.Current.Version);
                }

                _catalog.MarkStale();
                if (force)
                {
                    Interlocked.Increment(ref _pendingChanges);
                }
            }

            try
            {
                await _wake.WaitAsync(PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Loads what changed since the current snapshot; everything on the first call.</summary>
    internal async Task RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        var current = _catalog.Current;
        // Read the version first: a change landing during the load bumps it again and is seen next time.
        var version = await _feed.GetVersionAsync(cancellationToken).ConfigureAwait(false);
        if (!force && _catalog.Loaded && version == current.Version)
        {
            return;
        }

        var ids = await _runners.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var unknown = new List<string>();
        foreach (var id in ids)
        {
            if (!current.Runners.ContainsKey(id) && !current.Rejected.Contains(id))
            {
                unknown.Add(id);
            }
        }

        var runners = new Dictionary<string, CompiledRunner>(current.Runners, StringComparer.Ordinal);
        var rejected = new HashSet<string>(current.Rejected, StringComparer.Ordinal);
        var added = 0;
        var fetchStart = Stopwatch.GetTimestamp();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<StoredRunner> stored = unknown.Count == 0 ? [] : await FetchAsync(unknown, unreadable, cancellationToken).ConfigureAwait(false);
        if (unreadable.Count > 0)
        {
            // Runners are immutable: one this version cannot read stays unreadable, so it is not fetched again.
            rejected.UnionWith(unreadable);
            CatalogLog.RunnersSkipped(_logger, unreadable.Count, rejected.Count);
        }

        var compileStart = Stopwatch.GetTimestamp();
        // Compiling is CPU work (validation, paths, scripts): spread a big first load over the cores.
        var compiled = new CompiledRunner?[stored.Count];
        Parallel.For(0, stored.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => compiled[i] = Compile(stored[i]));
        for (var i = 0; i < stored.Count; i++)
        {
            if (compiled[i] is { } runner)
            {
                runners[stored[i].Id] = runner;
                added++;
            }
            else
            {
                rejected.Add(stored[i].Id);
            }
        }

        var compileEnd = Stopwatch.GetTimestamp();
        var hashes = await _tokens.GetAllHashesAsync(cancellationToken).ConfigureAwait(false);
        var tokenHashes = new Dictionary<string, byte[]>(hashes.Count, StringComparer.Ordinal);
        foreach (var (id, hash) in hashes)
        {
            tokenHashes[id] = Encoding.ASCII.GetBytes(hash.ToLowerInvariant());
        }

        // A runner is served only once YARP has its origin's cluster. The runners of earlier snapshots had theirs
        // included before those were published, and clusters are never removed: only this load's origins can be new.
        if (!await _clusters.EnsureAsync(compiled.OfType<CompiledRunner>().Select(r => r.Origin), cancellationToken).ConfigureAwait(false))
        {
            CatalogLog.ClustersLate(_logger);
        }

        _catalog.Publish(new CatalogSnapshot(version, runners, tokenHashes, rejected));
        if (added > 0 || !current.Runners.Count.Equals(runners.Count) || current.Version < 0)
        {
            CatalogLog.Loaded(_logger, version, runners.Count, added, tokenHashes.Count,
                (long)Stopwatch.GetElapsedTime(fetchStart, compileStart).TotalMilliseconds, (long)Stopwatch.GetElapsedTime(compileStart, compileEnd).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Fetches in concurrent chunks: the round trips overlap instead of queueing one after another. A chunk
    /// that fails to read (not to arrive) is read again one runner at a time, so one unreadable stored
    /// runner, e.g. written by a newer version, is skipped alone instead of stopping every refresh.
    /// </summary>
    private async Task<IReadOnlyList<StoredRunner>> FetchAsync(List<string> ids, HashSet<string> unreadable, CancellationToken cancellationToken)
    {
        const int chunk = 1000;
        var tasks = new List<Task<IReadOnlyList<StoredRunner>>>();
        for (var start = 0; start < ids.Count; start += chunk)
        {
            tasks.Add(FetchChunkAsync(ids.GetRange(start, Math.Min(chunk, ids.Count - start)), unreadable, cancellationToken));
        }

        var parts = await Task.WhenAll(tasks).ConfigureAwait(false);
        return parts.Length == 1 ? parts[0] : [.. parts.SelectMany(p => p)];
    }

    private async Task<IReadOnlyList<StoredRunner>> FetchChunkAsync(List<string> ids, HashSet<string> unreadable, CancellationToken cancellationToken)
    {
        try
        {
            return await _runners.GetManyAsync(ids, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            var readable = new List<StoredRunner>(ids.Count);
            foreach (var id in ids)
            {
                try
                {
                    readable.AddRange(await _runners.GetManyAsync([id], cancellationToken).ConfigureAwait(false));
                }
                catch (Exception one) when (IsUnreadable(one))
                {
                    CatalogLog.RunnerUnreadable(_logger, id, one.GetType().Name);
                    lock (unreadable)
                    {
                        unreadable.Add(id);
                    }
                }
            }

            return readable;
        }
    }

    /// <summary>The data could not be read; Redis being away or slow is not that (the whole refresh fails then).</summary>
    private static bool IsUnreadable(Exception ex) =>
        ex is not (StackExchange.Redis.RedisException or TimeoutException or OperationCanceledException);

    private CompiledRunner? Compile(StoredRunner stored)
    {
        try
        {
            var result = RunnerCompiler.Compile(stored.Config, _compileOptions);
            if (result.Runner is null)
            {
                CatalogLog.RunnerRejected(_logger, stored.Id);
            }

            return result.Runner;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CatalogLog.RunnerLoadFailed(_logger, stored.Id, ex.GetType().Name);
            return null;
        }
    }

    private async Task TrySubscribeAsync(CancellationToken cancellationToken)
    {
        if (_subscribed)
        {
            return;
        }

        try
        {
            await _feed.SubscribeAsync(OnChange, cancellationToken).ConfigureAwait(false);
            _subscribed = true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            CatalogLog.SubscribeFailed(_logger, ex.GetType().Name);
        }
    }

    private void OnChange(string message) => Wake();

    /// <summary>Asks for a forced refresh now (a change message arrived, or the connection came back).</summary>
    internal void Wake()
    {
        Interlocked.Increment(ref _pendingChanges);
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake: the pending flag carries the change.
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }
}
