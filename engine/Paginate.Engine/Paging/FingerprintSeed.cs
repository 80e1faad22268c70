using System.Security.Cryptography;

namespace Paginate.Engine.Paging;

/// <summary>
/// The seed of the run fingerprints' XxHash128, drawn once per process: the hash is fast (a page costs about
/// a memory copy) but not cryptographic, and a random seed keeps an upstream from crafting two pages or two
/// cursors that collide and so cutting its own run short on purpose.
/// </summary>
internal static class FingerprintSeed
{
    public static readonly long Value = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));
}
