using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Paginate.Bench.Harness;

/// <summary>Runs Debian's wrk for a fixed time and reads its summary.</summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(string url, int seconds, int connections, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t1", "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d" + seconds.ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "10s", "--latency", url })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds + 30));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var errors = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return Parse(await output.ConfigureAwait(false) + await errors.ConfigureAwait(false));
    }

    public static WrkResult Parse(string text)
    {
        var rps = RequestsPerSecond().Match(text);
        if (!rps.Success)
        {
            throw new InvalidOperationException("wrk printed no Requests/sec: " + text);
        }

        var non2xx = Non2xx().Match(text);
        var socket = SocketErrors().Match(text);
        var requests = Requests().Match(text);
        return new WrkResult
        {
            RequestsPerSecond = double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Requests = requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            P50Ms = Latency(text, "50%"),
            P99Ms = Latency(text, "99%"),
            Non2xx = non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            SocketErrors = socket.Success ? socket.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0,
        };
    }

    private static double Latency(string text, string percentile)
    {
        var match = Regex.Match(text, @"^\s*" + Regex.Escape(percentile) + @"\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
