using Paginate.Engine.Contracts;

namespace Paginate.Engine.Storage;

/// <summary>
/// Metadata of one call (CONTRACT §3): never headers, credential values, query values, bodies,
/// upstream URLs, rows or traces.
/// </summary>
public sealed record CallRecord
{
    /// <summary>A call through the gateway (Clay).</summary>
    public const string LiveMode = "live";

    /// <summary>A dry run of a saved runner from the admin app.</summary>
    public const string TestMode = "test";

    public const string SuccessOutcome = "success";
    public const string ErrorOutcome = "error";

    /// <summary>When the call started.</summary>
    public required DateTimeOffset At { get; init; }
    /// <summary><c>live</c> or <c>test</c>.</summary>
    public required string Mode { get; init; }
    /// <summary><c>success</c> or <c>error</c>.</summary>
    public required string Outcome { get; init; }
    public int Pages { get; init; }
    public long Items { get; init; }
    public long DurationMs { get; init; }
    public int? UpstreamStatus { get; init; }
    public string? StopReason { get; init; }
    public int Retries { get; init; }
    public string? ErrorCode { get; init; }

    /// <summary>
    /// The one way a run becomes a record, for the gateway and the admin's dry runs alike, so analytics never
    /// mixes two rules. <see cref="At"/> is when the call started (a call is counted in the hour it was made,
    /// however long it ran). A call is an error when it carries an error code, its first page failed, or the
    /// client went away: in each case the caller did not get a complete answer.
    /// </summary>
    /// <param name="result">The run's result; its <see cref="RunResult.DurationMs"/> becomes the record's duration.</param>
    /// <param name="mode"><see cref="LiveMode"/> or <see cref="TestMode"/>.</param>
    /// <param name="startedAt">When the call started.</param>
    public static CallRecord From(RunResult result, string mode, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (mode is not (LiveMode or TestMode))
        {
            throw new ArgumentException($"mode must be '{LiveMode}' or '{TestMode}'.", nameof(mode));
        }

        return new CallRecord
        {
            At = startedAt.ToUniversalTime(),
            Mode = mode,
            Outcome = IsSuccess(result) ? SuccessOutcome : ErrorOutcome,
            Pages = result.Pages,
            Items = result.Items,
            DurationMs = result.DurationMs,
            UpstreamStatus = result.UpstreamStatus,
            StopReason = result.StopReason,
            Retries = result.Retries,
            ErrorCode = result.ErrorCode,
        };
    }

    private static bool IsSuccess(RunResult result) =>
        result.ErrorCode is null && !result.FirstPageFailed && result.StopReason != StopReasons.ClientCancelled;
}
