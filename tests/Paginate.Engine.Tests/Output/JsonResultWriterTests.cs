using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Output;

namespace Paginate.Engine.Tests.Output;

public sealed class JsonResultWriterTests
{
    [Fact]
    public async Task Complete_WritesItemsThenContractMeta()
    {
        using var output = new MemoryStream();
        var starts = 0;
        await using (var writer = new JsonResultWriter(output, _ => { starts++; return ValueTask.CompletedTask; }))
        {
            await writer.StartAsync(CancellationToken.None);
            await writer.StartAsync(CancellationToken.None);
            writer.Writer.WriteRawValue("{\"id\":1}"u8);
            await writer.PageCompletedAsync(CancellationToken.None);
            await writer.CompleteAsync("rn_1", new RunResult { Pages = 1, Items = 1, StopReason = StopReasons.UpstreamError, Partial = true, ErrorCode = ErrorCodes.UpstreamStatus, UpstreamStatus = 500, Retries = 2, DurationMs = 12 }, CancellationToken.None);
        }

        Assert.Equal(1, starts);
        using var document = JsonDocument.Parse(output.ToArray());
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("items")[0].GetProperty("id").GetInt32());
        var meta = root.GetProperty("meta");
        Assert.Equal(
            ["runner_id", "pages", "items", "stop_reason", "duration_ms", "retries", "upstream_status", "partial", "error_code"],
            meta.EnumerateObject().Select(p => p.Name));
        Assert.Equal("rn_1", meta.GetProperty("runner_id").GetString());
        Assert.Equal("upstream_error", meta.GetProperty("stop_reason").GetString());
        Assert.True(meta.GetProperty("partial").GetBoolean());
        Assert.Equal(500, meta.GetProperty("upstream_status").GetInt32());
    }

    [Fact]
    public async Task Complete_WithoutPages_OpensTheAnswerFirst_AndOmitsErrorCodeOnSuccess()
    {
        using var output = new MemoryStream();
        await using (var writer = new JsonResultWriter(output))
        {
            Assert.False(writer.Started);
            await writer.CompleteAsync(null, new RunResult { StopReason = StopReasons.EmptyPage }, CancellationToken.None);
            Assert.True(writer.Started);
        }

        var json = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("{\"items\":[],\"meta\":{\"runner_id\":null,", json, StringComparison.Ordinal);
        Assert.DoesNotContain("error_code", json, StringComparison.Ordinal);
        Assert.Contains("\"upstream_status\":null", json, StringComparison.Ordinal);
    }
}
