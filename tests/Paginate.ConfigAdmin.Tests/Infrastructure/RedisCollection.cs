using Paginate.TestKit.Redis;

namespace Paginate.ConfigAdmin.Tests.Infrastructure;

/// <summary>One redis-server for the whole test run; the tests of this collection run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisFixture>
{
    public const string Name = "redis";
}
