using System.Buffers;
using Paginate.Engine.Contracts;

namespace Paginate.Engine.Upstream;

/// <summary>A page body in a rented array; returned to the pool on dispose (after its JSON is released).</summary>
internal sealed class PooledBuffer : IDisposable
{
    private readonly IPageBufferBudget? _budget;
    private readonly long _reserved;
    private byte[]? _array;

    /// <param name="budget">When given, <paramref name="reserved"/> bytes of it are given back on dispose.</param>
    public PooledBuffer(byte[] array, int length, IPageBufferBudget? budget = null, long reserved = 0)
    {
        _array = array;
        Length = length;
        _budget = budget;
        _reserved = reserved;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => new(_array ?? throw new ObjectDisposedException(nameof(PooledBuffer)), 0, Length);

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
            _budget?.Release(_reserved);
        }
    }
}
