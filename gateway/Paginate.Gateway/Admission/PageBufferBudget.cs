using Microsoft.Extensions.Options;
using Paginate.Engine.Contracts;

namespace Paginate.Gateway.Admission;

/// <summary>
/// <c>Gateway:PageBufferBudgetMiB</c>: the upstream page bytes all calls of this gateway may hold at once
/// (CONTRACT §6.6). The engine reserves each page buffer here before allocating it; without room the page
/// fails with <c>overloaded</c> at once instead of growing the heap until the pod is killed.
/// </summary>
internal sealed class PageBufferBudget : IPageBufferBudget
{
    private readonly long _limit;
    private long _used;

    public PageBufferBudget(IOptions<GatewayOptions> options) => _limit = options.Value.PageBufferBudgetMiB * 1024L * 1024L;

    /// <summary>Bytes reserved right now.</summary>
    public long Used => Interlocked.Read(ref _used);

    public bool TryReserve(long bytes)
    {
        var used = Interlocked.Read(ref _used);
        while (true)
        {
            if (used + bytes > _limit)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _used, used + bytes, used);
            if (seen == used)
            {
                return true;
            }

            used = seen;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref _used, -bytes);
}
