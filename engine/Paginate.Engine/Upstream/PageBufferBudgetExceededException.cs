namespace Paginate.Engine.Upstream;

/// <summary>The host's page-buffer budget had no room for this page's buffer.</summary>
internal sealed class PageBufferBudgetExceededException : Exception
{
    public PageBufferBudgetExceededException()
        : base("The page buffer budget is exhausted.")
    {
    }
}
