using StackExchange.Redis;

namespace Paginate.Engine.Storage;

/// <summary>Connects to Redis the way both apps need: start even when Redis is down, fail calls fast.</summary>
public static class RedisConnection
{
    /// <summary>Milliseconds a Redis call may take before it fails, unless the connection string says otherwise.</summary>
    public const int DefaultTimeoutMs = 2000;

    /// <summary>
    /// Connects without waiting for Redis to be up (the multiplexer reconnects by itself). The connection
    /// string is StackExchange.Redis syntax, e.g. <c>127.0.0.1:6379,password=...</c>.
    /// </summary>
    public static IConnectionMultiplexer Connect(string connectionString, TextWriter? log = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        if (!connectionString.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = DefaultTimeoutMs;
        }

        if (!connectionString.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = DefaultTimeoutMs;
        }

        if (!connectionString.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = DefaultTimeoutMs;
        }

        // Reconnect quickly after an outage: the gateway keeps serving its cached catalog meanwhile.
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName = "paginate";
        return ConnectionMultiplexer.Connect(options, log);
    }
}
