namespace Paginate.Engine.Tests.Paging;

/// <summary>
/// Tests that measure the process's retained or allocated memory run alone: another test's live objects
/// would be counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "Memory measurements";
}
