namespace Paginate.Ui.Tests.Stack;

/// <summary>All browser tests share one stack and one browser, and run one after another (2-core machine).</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<PaginateStack>
{
    public const string Name = "paginate stack";
}
