using Paginate.Engine.Compilation;

namespace Paginate.Gateway.Catalog;

/// <summary>
/// The gateway's runner table: a single volatile reference to an immutable <see cref="CatalogSnapshot"/>.
/// Readers never lock; the refresher swaps the whole snapshot.
/// </summary>
internal sealed class RunnerCatalog
{
    private volatile CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private volatile bool _loaded;
    private volatile bool _stale;
    private long _freshAtTicks;

    public CatalogSnapshot Current => _snapshot;

    /// <summary>True once the first full load from Redis succeeded.</summary>
    public bool Loaded => _loaded;

    /// <summary>True while the last refresh failed and the last good snapshot is being served.</summary>
    public bool Stale => _stale;

    public bool TryGet(string runnerId, out CompiledRunner runner) =>
        _snapshot.Runners.TryGetValue(runnerId, out runner!);

    public void Publish(CatalogSnapshot snapshot)
    {
        _snapshot = snapshot;
        _loaded = true;
        _stale = false;
    }

    public void MarkStale() => _stale = true;

    /// <summary>When a refresh last succeeded (<see cref="DateTimeOffset.MinValue"/> before the first).</summary>
    public DateTimeOffset FreshAt => new(Interlocked.Read(ref _freshAtTicks), TimeSpan.Zero);

    /// <summary>A refresh succeeded at <paramref name="now"/>: the snapshot's tokens are current again.</summary>
    public void MarkFresh(DateTimeOffset now)
    {
        Interlocked.Exchange(ref _freshAtTicks, now.UtcTicks);
        _stale = false;
    }
}
