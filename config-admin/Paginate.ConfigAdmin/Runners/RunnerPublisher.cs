using Paginate.Engine.Runners;
using Paginate.Engine.Storage;

namespace Paginate.ConfigAdmin.Runners;

/// <summary>
/// Publishes a compiled runner under a fresh id. The store's SET NX decides: an existing runner is never
/// overwritten, even by a racing create; on the (astronomically rare) collision a new id is drawn.
/// </summary>
internal sealed partial class RunnerPublisher(IRunnerStore store, TimeProvider time, ILogger<RunnerPublisher> logger)
{
    private const int MaxAttempts = 5;

    public async Task<StoredRunner> PublishAsync(RunnerDefinition normalized, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var runner = new StoredRunner { Id = RunnerIds.NewId(), CreatedAt = time.GetUtcNow(), Config = normalized };
            if (await store.TryCreateAsync(runner, cancellationToken).ConfigureAwait(false))
            {
                LogPublished(logger, runner.Id);
                return runner;
            }

            LogIdCollision(logger, attempt);
        }

        throw new InvalidOperationException("No free runner id was found.");
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Runner {RunnerId} published")]
    private static partial void LogPublished(ILogger logger, string runnerId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Runner id already taken (attempt {Attempt}); drawing a new one")]
    private static partial void LogIdCollision(ILogger logger, int attempt);
}
