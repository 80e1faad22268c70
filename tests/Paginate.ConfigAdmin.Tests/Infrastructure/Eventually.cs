namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>Polls until a condition holds or a limit passes (then fails, showing the last value).</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {limit.TotalSeconds} s: {what}; last value: {value}");
            }

            await Task.Delay(50);
        }
    }
}
