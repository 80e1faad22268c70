namespace Paginate.Engine.Contracts;

/// <summary>
/// A host-wide budget of page-buffer bytes shared by every run (the gateway's <c>PageBufferBudgetMiB</c>).
/// A page whose buffer cannot be reserved ends its attempt with <c>overloaded</c>; nothing waits.
/// </summary>
public interface IPageBufferBudget
{
    /// <summary>Takes <paramref name="bytes"/> from the budget; false (and nothing taken) when they do not fit.</summary>
    bool TryReserve(long bytes);

    /// <summary>Gives back bytes taken by <see cref="TryReserve"/>.</summary>
    void Release(long bytes);
}
