using Paginate.Engine.Contracts;
using Paginate.Engine.Storage;

namespace Paginate.Engine.Tests.Storage;

public sealed class CallRecordFromTests
{
    private static readonly DateTimeOffset Started = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void From_CompleteRun_IsSuccessAtTheStartTimeInUtc()
    {
        var result = new RunResult { Pages = 3, Items = 250, StopReason = StopReasons.NoNextPage, DurationMs = 812, Retries = 1, UpstreamStatus = 200 };

        var record = CallRecord.From(result, CallRecord.LiveMode, Started);

        Assert.Equal(new CallRecord
        {
            At = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero),
            Mode = "live",
            Outcome = "success",
            Pages = 3,
            Items = 250,
            DurationMs = 812,
            UpstreamStatus = 200,
            StopReason = "no_next_page",
            Retries = 1,
            ErrorCode = null,
        }, record);
        Assert.Equal(TimeSpan.Zero, record.At.Offset);
    }

    [Theory]
    [InlineData("upstream_status", false, "upstream_error")] // a later page failed: partial answer
    [InlineData("upstream_status", true, "upstream_error")] // the first page failed
    [InlineData(null, true, "timeout")] // first page failed without a code
    [InlineData(null, false, "client_cancelled")] // the caller went away
    public void From_IncompleteAnswer_IsError(string? errorCode, bool firstPageFailed, string stopReason)
    {
        var result = new RunResult { ErrorCode = errorCode, FirstPageFailed = firstPageFailed, StopReason = stopReason };

        Assert.Equal("error", CallRecord.From(result, CallRecord.TestMode, Started).Outcome);
    }

    [Fact]
    public void From_UnknownMode_Throws() =>
        Assert.Throws<ArgumentException>(() => CallRecord.From(new RunResult(), "replay", Started));
}
