using Paginate.Engine.Runners;

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

    public void MarkFresh() => _stale = false;
}
