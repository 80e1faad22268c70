namespace Paginate.Bench.Clients;

/// <summary>What a streamed answer held: items counted by the client, bytes, and the answer's own meta.</summary>
internal sealed record AnswerCount
{
    public long Items { get; init; }

    public long Bytes { get; init; }

    /// <summary><c>meta.items</c> as the gateway reported it; null for a plain array.</summary>
    public long? MetaItems { get; init; }

    public string? StopReason { get; init; }

    public bool Partial { get; init; }
}
