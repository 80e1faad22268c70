using System.Text;
using StackExchange.Redis;

namespace Paginate.Engine.Tests.Storage;

/// <summary>
/// Redis Cluster's key-to-slot rule (CRC16/XMODEM of the key, or of its first non-empty <c>{...}</c> hash tag, mod
/// 16384), for checking key names without a cluster: the client only computes slots when connected to one.
/// </summary>
internal static class ClusterSlot
{
    public static int Of(RedisKey key)
    {
        var name = key.ToString();
        var open = name.IndexOf('{', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = name.IndexOf('}', open + 1);
            if (close > open + 1)
            {
                name = name[(open + 1)..close];
            }
        }

        return Crc16(Encoding.UTF8.GetBytes(name)) % 16384;
    }

    public static int Crc16(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }
}
