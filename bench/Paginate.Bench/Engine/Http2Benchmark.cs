using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Paginate.Bench.Harness;
using Paginate.Engine.Paging;

namespace Paginate.Bench.Engine;

/// <summary>
/// Does HTTP/2 help parallel pages (issue 13.4)? The same 32 pages at 50 ms with <c>max_concurrency</c> 8 over TLS,
/// once with HTTP/1.1 (8 pooled connections) and once with HTTP/2 negotiated by ALPN (one connection), interleaved.
/// The upstream runs in this process, so CPU time covers both ends.
/// </summary>
internal static class Http2Benchmark
{
    private const int Repetitions = 15;

    public static async Task<int> RunAsync(string[] args)
    {
        var write = !args.Contains("--no-write");
        using var certificate = SelfSigned();
        await using var upstream = await AheadBenchmark.StartUpstreamAsync(() => { }, certificate);
        var runner = AheadBenchmark.Runner(upstream.Url, 8);
        var modes = new (string Name, Version Version)[] { ("HTTP/1.1 over TLS", HttpVersion.Version11), ("HTTP/2 over TLS (ALPN)", HttpVersion.Version20) };
        var loopsHandlers = modes.Select(m => (HttpMessageHandler)new VersionHandler(m.Version, Handler())).ToArray();
        var loops = loopsHandlers.Select(h => new PageLoop(new HttpMessageInvoker(h))).ToArray();
        var walls = modes.Select(_ => new List<double>()).ToArray();
        var cpus = modes.Select(_ => new List<double>()).ToArray();
        for (var m = 0; m < modes.Length; m++)
        {
            await AheadBenchmark.RunOnceAsync(loops[m], runner);
        }

        using var process = Process.GetCurrentProcess();
        for (var rep = 0; rep < Repetitions; rep++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var started = Stopwatch.GetTimestamp();
                await AheadBenchmark.RunOnceAsync(loops[m], runner);
                walls[m].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                process.Refresh();
                cpus[m].Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
            }
        }

        var rows = new System.Text.StringBuilder();
        for (var m = 0; m < modes.Length; m++)
        {
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {modes[m].Name} | HTTP/{((VersionHandler)loopsHandlers[m]).LastVersion} | {Stats.Median(walls[m]):F0} ms | {walls[m].Min():F0}–{walls[m].Max():F0} ms | {Stats.Median(cpus[m]):F0} ms | {cpus[m].Min():F0}–{cpus[m].Max():F0} ms |");
            rows.AppendLine(row);
            Console.WriteLine(row);
        }

        if (write)
        {
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
            ResultsFile.WriteSection("engine-http2", string.Create(CultureInfo.InvariantCulture, $"""
                ## HTTP/2 for parallel pages (issue 13.4)

                Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Paginate.Bench -- http2`
                (load average {load}). The pages of the "ahead" bench (32 at 50 ms, no total, `max_concurrency` 8) over TLS
                from an in-process Kestrel offering h2 and http/1.1 by ALPN; the page loop asks for HTTP/1.1, or for HTTP/2
                with fallback. {Repetitions} interleaved repetitions after a warm-up; CPU time is the whole process, so both ends.

                | mode | negotiated | median wall | min–max | median CPU | min–max CPU |
                |---|---|---:|---:|---:|---:|
                {rows.ToString().TrimEnd()}
                """));
        }

        return 0;
    }

    private static SocketsHttpHandler Handler() => new()
    {
        UseCookies = false,
        AllowAutoRedirect = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    };

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Asks for <see cref="Version"/> (falling back to lower when the server does not offer it).</summary>
    private sealed class VersionHandler(Version version, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public Version? LastVersion { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = version;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            LastVersion = response.Version;
            return response;
        }
    }
}
