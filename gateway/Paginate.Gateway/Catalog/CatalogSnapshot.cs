using Paginate.Engine.Compilation;

namespace Paginate.Gateway.Catalog;

/// <summary>
/// One immutable view of the runner catalog. Never changed after it is published: a reload builds a new
/// snapshot and swaps the reference, so a request sees one consistent catalog from start to end.
/// </summary>
internal sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new(-1, new Dictionary<string, CompiledRunner>(), new Dictionary<string, byte[]>(), new HashSet<string>());

    public CatalogSnapshot(
        long version,
        IReadOnlyDictionary<string, CompiledRunner> runners,
        IReadOnlyDictionary<string, byte[]> tokenHashes,
        IReadOnlySet<string> rejected)
    {
        Version = version;
        Runners = runners;
        TokenHashes = tokenHashes;
        Rejected = rejected;
    }

    /// <summary>The catalog version this snapshot was loaded at.</summary>
    public long Version { get; }

    public IReadOnlyDictionary<string, CompiledRunner> Runners { get; }

    /// <summary>Each runner's current token hash as the ASCII bytes of its lower-case hex SHA-256.</summary>
    public IReadOnlyDictionary<string, byte[]> TokenHashes { get; }

    /// <summary>Ids whose stored definition did not compile: runners are immutable, so they are not fetched again.</summary>
    public IReadOnlySet<string> Rejected { get; }
}
