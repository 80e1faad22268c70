namespace Paginate.Engine.Budgets;

/// <summary>
/// Who shares one budget and at what rate. <see cref="Key"/> is safe to store and show: a runner id, plus for
/// scope <c>credential</c> a keyed hash of the forwarded header values, never a value.
/// </summary>
public sealed record BudgetScope
{
    /// <summary><c>rn_x</c> for scope runner, <c>rn_x:c:&lt;keyed hash&gt;</c> for scope credential.</summary>
    public required string Key { get; init; }

    /// <summary>Tokens per second; null when the runner has no budget (back-off holds still apply).</summary>
    public double? RequestsPerSecond { get; init; }

    /// <summary>Tokens that may be taken at once after a quiet spell.</summary>
    public int Burst { get; init; } = 1;

    /// <summary>Time between two tokens at the sustained rate; zero without a budget.</summary>
    public TimeSpan Interval => RequestsPerSecond is { } rps ? TimeSpan.FromSeconds(1 / rps) : TimeSpan.Zero;
}
