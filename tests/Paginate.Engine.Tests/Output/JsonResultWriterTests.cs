using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Microsoft.Extensions.Time.Testing;
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

    [Fact]
    public async Task Page1_IsSentAtOnce_SmallLaterPages_WaitForTheEnd()
    {
        var output = new FlushCountingStream();
        var time = new FakeTimeProvider();
        await using (var writer = new JsonResultWriter(output, time: time))
        {
            await writer.StartAsync(CancellationToken.None);
            writer.Writer.WriteRawValue("{\"id\":1}"u8);
            await writer.PageCompletedAsync(CancellationToken.None);
            Assert.Equal(1, output.Flushes);
            Assert.Equal("{\"items\":[{\"id\":1}", output.Text);

            for (var id = 2; id <= 5; id++)
            {
                time.Advance(TimeSpan.FromMilliseconds(100));
                writer.Writer.WriteRawValue(Encoding.UTF8.GetBytes($"{{\"id\":{id}}}"));
                await writer.PageCompletedAsync(CancellationToken.None);
            }

            Assert.Equal(1, output.Flushes);
            await writer.CompleteAsync("rn_1", new RunResult { Pages = 5, Items = 5, StopReason = StopReasons.TotalReached }, CancellationToken.None);
            Assert.Equal(2, output.Flushes);
        }

        using var document = JsonDocument.Parse(output.Text);
        Assert.Equal([1, 2, 3, 4, 5], document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task LaterPages_AreSent_OnceEnoughBytesWait_OrASecondHasPassed()
    {
        var output = new FlushCountingStream();
        var time = new FakeTimeProvider();
        await using var writer = new JsonResultWriter(output, time: time);
        await writer.StartAsync(CancellationToken.None);
        await writer.PageCompletedAsync(CancellationToken.None);
        Assert.Equal(1, output.Flushes);

        // Just under the size: held. Reaching it: sent.
        var item = Encoding.UTF8.GetBytes("\"" + new string('x', 1000) + "\"");
        var held = 0;
        while (held + item.Length + 1 < JsonResultWriter.SendBytes)
        {
            writer.Writer.WriteRawValue(item);
            held += item.Length + 1;
        }

        await writer.PageCompletedAsync(CancellationToken.None);
        Assert.Equal(1, output.Flushes);
        writer.Writer.WriteRawValue(item);
        await writer.PageCompletedAsync(CancellationToken.None);
        Assert.Equal(2, output.Flushes);

        // A tiny page after a quiet second: sent, so a slow run still shows progress.
        writer.Writer.WriteRawValue("1"u8);
        time.Advance(JsonResultWriter.SendInterval - TimeSpan.FromMilliseconds(1));
        await writer.PageCompletedAsync(CancellationToken.None);
        Assert.Equal(2, output.Flushes);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await writer.PageCompletedAsync(CancellationToken.None);
        Assert.Equal(3, output.Flushes);
    }

    /// <summary>An answer body that counts flushes (each is a socket write of its own on a real connection).</summary>
    private sealed class FlushCountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public string Text => Encoding.UTF8.GetString(ToArray());

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }
}
