using System.Diagnostics;
using System.Text.Json;

namespace Paginate.Bench.Harness;

/// <summary>
/// The got peer (<c>bench/node/peer.mjs</c>), one warm node process: a request per stdin line,
/// an answer per stdout line. Times are taken inside node, around the got call only.
/// </summary>
internal sealed class PeerClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _nextId;

    private PeerClient(Process process) => _process = process;

    public static PeerClient Start(BenchLayout layout)
    {
        var info = new ProcessStartInfo(layout.Node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(layout.PeerScript)!,
        };
        info.ArgumentList.Add(layout.PeerScript);
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        return new PeerClient(process);
    }

    public int Pid => _process.Id;

    /// <summary>Fetches every page starting at <paramref name="url"/> with got; returns the time node measured.</summary>
    public async Task<CallResult> FetchAsync(string url, int concurrency, long expectedItems, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var id = ++_nextId;
            var request = JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = id, ["url"] = url, ["concurrency"] = concurrency });
            await _process.StandardInput.WriteLineAsync(request).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await _process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the peer exited");
            using var answer = JsonDocument.Parse(line);
            var root = answer.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                return CallResult.Failed("peer: " + error.GetString());
            }

            var items = root.GetProperty("items").GetInt64();
            return items == expectedItems
                ? new CallResult(root.GetProperty("ms").GetDouble(), items, null)
                : CallResult.Failed($"peer: expected {expectedItems} items, got {items}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }
}
