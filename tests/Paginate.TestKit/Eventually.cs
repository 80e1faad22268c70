namespace Paginate.TestKit;

/// <summary>Polls until a condition holds or a limit passes (then fails, showing the last value): tests assert behaviour, not timing.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(10);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? limit = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? DefaultLimit);
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what ?? "condition"}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Retries <paramref name="attempt"/> until it returns true, treating the exceptions <paramref name="transient"/>
    /// accepts as "not yet" (e.g. while clients find a new Redis primary); past the limit it fails with the last one.
    /// </summary>
    public static async Task SucceedsAsync(Func<Task<bool>> attempt, Func<Exception, bool> transient, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await attempt())
                {
                    return;
                }
            }
            catch (Exception ex) when (transient(ex))
            {
                last = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {what}", last);
            }

            await Task.Delay(100);
        }
    }
}
