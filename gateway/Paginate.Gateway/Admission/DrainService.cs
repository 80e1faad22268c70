using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paginate.Gateway.Telemetry;

namespace Paginate.Gateway.Admission;

/// <summary>
/// Stopping (CONTRACT §6.7). Runs in the host's <c>StoppingAsync</c> phase, before ANY hosted service is
/// stopped, so the server still accepts connections (WebApplication registers it last, so it stops first):
/// <c>/readyz</c> turns 503 and new calls get 503 + <c>Retry-After</c>; calls in flight run for up to
/// <c>Gateway:DrainSeconds</c>, then are cancelled. The record writer stops after the server and writes
/// what is queued.
/// </summary>
internal sealed partial class DrainService : IHostedLifecycleService
{
    /// <summary>Time the cancelled calls get to unwind and queue their records.</summary>
    public static readonly TimeSpan UnwindLimit = TimeSpan.FromSeconds(5);

    private readonly GatewayState _state;
    private readonly CallAdmission _admission;
    private readonly TimeSpan _drain;
    private readonly ILogger<DrainService> _logger;

    public DrainService(GatewayState state, CallAdmission admission, IOptions<GatewayOptions> options, ILogger<DrainService> logger)
    {
        _state = state;
        _admission = admission;
        _drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        _logger = logger;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _state.StartDraining();
        Draining(_logger, _admission.Active, (int)_drain.TotalSeconds);
        if (await IdleWithinAsync(_drain, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        Cancelling(_logger, _admission.Active);
        _admission.CancelRemaining();
        await IdleWithinAsync(UnwindLimit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> IdleWithinAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await _admission.WhenIdleAsync().WaitAsync(limit, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first.
            return false;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Draining: {Active} calls in flight, new calls refused, waiting up to {DrainSeconds} s.")]
    private static partial void Draining(ILogger logger, int active, int drainSeconds);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Drain time over: cancelling {Active} calls still in flight.")]
    private static partial void Cancelling(ILogger logger, int active);
}
