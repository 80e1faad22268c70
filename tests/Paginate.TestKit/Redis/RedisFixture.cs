using Paginate.Engine.Storage;
using StackExchange.Redis;
using Xunit;

namespace Paginate.TestKit.Redis;

/// <summary>An xunit class or collection fixture: one redis-server, and one connection to it, for the tests that share it.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? _server;
    private IConnectionMultiplexer? _connection;

    public RedisServer Server => _server ?? throw new InvalidOperationException("fixture not initialized");

    public string ConnectionString => Server.ConnectionString;

    /// <summary>A connection the tests share to arrange data (publish runners, issue tokens); made on first use.</summary>
    public IConnectionMultiplexer Connection => _connection ??= RedisConnection.Connect(ConnectionString);

    public async Task InitializeAsync() => _server = await RedisServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        _connection?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
