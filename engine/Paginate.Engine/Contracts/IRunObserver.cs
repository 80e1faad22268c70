namespace Paginate.Engine.Contracts;

/// <summary>Receives upstream events of a run, e.g. to count them in metrics. Must not throw.</summary>
public interface IRunObserver
{
    /// <summary>One upstream request finished: its status (null on network fault or timeout) and duration.</summary>
    void UpstreamRequestCompleted(int? statusCode, TimeSpan duration);

    /// <summary>A page request is retried.</summary>
    void RetryScheduled();
}
