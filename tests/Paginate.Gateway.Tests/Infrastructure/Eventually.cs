namespace Paginate.Gateway.Tests.Infrastructure;

/// <summary>Polls a condition with a generous overall limit: these tests assert behaviour, not timing.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(20);

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
}
