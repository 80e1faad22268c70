using System.Text;
using StackExchange.Redis;

namespace Paginate.Ui.Tests.Stack;

/// <summary>Reads every value in the test Redis, whatever its type, to prove a canary was never stored.</summary>
internal static class RedisContents
{
    public static async Task<string> DumpAsync(string connectionString)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{connectionString},allowAdmin=true");
        var db = redis.GetDatabase();
        var text = new StringBuilder();
        foreach (var endpoint in redis.GetEndPoints())
        {
            foreach (var key in redis.GetServer(endpoint).Keys(pattern: "*", pageSize: 500))
            {
                text.Append(key.ToString()).Append('\n');
                switch (await db.KeyTypeAsync(key))
                {
                    case RedisType.String:
                        text.Append(await db.StringGetAsync(key));
                        break;
                    case RedisType.Hash:
                        foreach (var entry in await db.HashGetAllAsync(key))
                        {
                            text.Append(entry.Name).Append('=').Append(entry.Value).Append('\n');
                        }

                        break;
                    case RedisType.List:
                        text.AppendJoin('\n', await db.ListRangeAsync(key));
                        break;
                    case RedisType.Set:
                        text.AppendJoin('\n', await db.SetMembersAsync(key));
                        break;
                    case RedisType.SortedSet:
                        text.AppendJoin('\n', await db.SortedSetRangeByRankAsync(key));
                        break;
                    case RedisType.Stream:
                        foreach (var entry in await db.StreamRangeAsync(key))
                        {
                            foreach (var value in entry.Values)
                            {
                                text.Append(value.Name).Append('=').Append(value.Value).Append('\n');
                            }
                        }

                        break;
                    default:
                        break;
                }

                text.Append('\n');
            }
        }

        return text.ToString();
    }
}
