using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;
using Paginate.Engine.Strategies;

namespace Paginate.Bench;

/// <summary>
/// Script paging cost per page for the seed's example scripts: the interpreter alone (request copy + run),
/// the whole strategy step (<c>ScriptStrategy.Next</c>), and, as a baseline measured in the same process,
/// one <c>JsonDocument.Parse</c> of the same page (100 items). Prints a Markdown table.
/// </summary>
public static class ScriptBench
{
    private const int Batches = 31;

    private static readonly JsonDocument s_noItems = JsonDocument.Parse("[]");

    private static readonly (string Name, string Script, string Url, string? Body, Func<int, string> Page, string[] Headers)[] s_examples =
    [
        ("relative next link", """
            var base = "https://api.example.com";
            var next = @response.body.get("/paging/next");
            @pager.stop(next == null);
            @request.uri.set(base + next);
            """, "https://api.example.com/api/v2/records?filter=active", null,
            _ => Page("\"paging\": {\"next\": \"/api/v2/records?filter=active&page=2\"}"), []),
        ("full next link", """
            var next = @response.body.get("/next_page_url");
            @pager.stop(next == null);
            @request.uri.set(next);
            """, "https://api.example.com/v1/people", null,
            _ => Page("\"next_page_url\": \"https://api.example.com/v1/people?page=2\""), []),
        ("page based", """
            var page = @response.body.get("/page");
            var totalPages = @response.body.get("/total_pages");
            @pager.stop(page >= totalPages);
            @request.query.put("page", @increment(page));
            """, "https://api.example.com/search?q=shoes&page=1", null,
            _ => Page("\"page\": 1, \"total_pages\": 30"), []),
        ("cursor", """
            var hasMore = @response.body.get("/has_more");
            @pager.stop(!hasMore);
            var lastId = @response.body.get("/data/-1/id");
            @request.query.put("starting_after", lastId);
            """, "https://api.example.com/v1/customers?limit=100", null,
            _ => Page("\"has_more\": true"), []),
        ("offset", """
            var limit = @toNumber(@request.query.get("limit"));
            var offset = @toNumber(@request.query.get("offset")) + limit;
            @pager.stop(offset >= @response.body.get("/total"));
            @request.query.put("offset", offset);
            """, "https://api.example.com/items?offset=0&limit=100", null,
            _ => Page("\"total\": 5000"), []),
        ("link header", """
            var next = @response.header.getNextLink();
            @pager.stop(next == null);
            @request.uri.set(next);
            """, "https://api.github.com/repos/o/r/issues?per_page=100", null,
            _ => Page(null),
            ["<https://api.github.com/repos/o/r/issues?per_page=100&page=2>; rel=\"next\", <https://api.github.com/repos/o/r/issues?per_page=100&page=50>; rel=\"last\""]),
        ("graphql body", """
            var info = "/data/customers/pageInfo";
            @pager.stop(@response.body.get(info + "/hasNextPage") == false);
            var page = @response.body.get(info + "/page");
            @request.body.put("/variables/page", @increment(page));
            """, "https://api.example.com/graphql",
            """{"query":"query Customers($page: Int!, $pageSize: Int!) { customers(page: $page, pageSize: $pageSize) { items { id name } pageInfo { page hasNextPage } } }","variables":{"page":1,"pageSize":100}}""",
            _ => Page(null).Replace("{\"data\": [", "{\"data\": {\"customers\": {\"pageInfo\": {\"page\": 1, \"hasNextPage\": true}, \"items\": [", StringComparison.Ordinal)[..^1] + "}}}", []),
    ];

    /// <summary>
    /// Runs every example (pinned to one core), prints a Markdown table and, unless <c>--no-write</c> is given,
    /// writes it to <c>bench/RESULTS-script.md</c>. Returns 0, or 1 when a script step misses 50 µs.
    /// </summary>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        PinToOneCore();
        var table = new StringBuilder()
            .AppendLine("| script | interpreter µs/page, CPU (wall) | strategy step µs/page, CPU (wall) | baseline: one `JsonDocument.Parse` of the page, µs, CPU (wall) | step / parse | page bytes |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        double worstStep = 0;
        // The first pass only warms every example's code paths (tiered JIT); the second is reported.
        foreach (var example in s_examples)
        {
            MeasureExample(example);
        }

        foreach (var example in s_examples)
        {
            var (cpu, wall, bytes) = MeasureExample(example);
            worstStep = Math.Max(worstStep, cpu[1]);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {example.Name} | {cpu[0]:F1} ({wall[0]:F1}) | {cpu[1]:F1} ({wall[1]:F1}) | {cpu[2]:F1} ({wall[2]:F1}) | {cpu[1] / cpu[2]:P0} | {bytes} |");
        }

        Console.Write(table.ToString());
        bool met = worstStep < 50;
        Console.WriteLine(met ? "every strategy step < 50 µs: ok" : "a strategy step >= 50 µs: BELOW TARGET");
        if (!args.Contains("--no-write"))
        {
            File.WriteAllText(Path.Combine(RepositoryRoot(), "bench", "RESULTS-script.md"), Report(table.ToString(), met, worstStep));
        }

        return met ? 0 : 1;
    }

    private static (double[] Cpu, double[] Wall, int Bytes) MeasureExample(
        (string Name, string Script, string Url, string? Body, Func<int, string> Page, string[] Headers) example)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(example.Page(1));
        using var document = JsonDocument.Parse(bytes);
        var body = document.RootElement;
        var items = body.GetProperty("data").ValueKind == JsonValueKind.Array ? body.GetProperty("data") : s_noItems.RootElement;
        var links = example.Headers.Select(h => new KeyValuePair<string, string>("Link", h)).ToList();
        if (!ScriptProgram.TryParse(example.Script, out var program, out var error))
        {
            throw new InvalidOperationException(example.Name + ": " + error);
        }

        var state = ScriptRunState.Start(program) with { PageCount = 1 };
        var request = ScriptRequest.Create(
            example.Body is null ? "GET" : "POST", new Uri(example.Url), [new ScriptField("Accept", "application/json", false)],
            example.Body is null ? null : System.Text.Json.Nodes.JsonNode.Parse(example.Body));
        var response = new ScriptResponse(200, links, body);
        Action interpreter = () =>
        {
            var outcome = program.Run(state, request.Clone(), response);
            if (outcome.Error is not null)
            {
                throw new InvalidOperationException(example.Name + ": " + outcome.Error);
            }
        };

        PagingStrategies.TryCreate(new PaginationSpec { Style = PaginationStyles.Script, Script = example.Script }, new FieldErrors(), out var strategy);
        var first = new PageRequest
        {
            Method = example.Body is null ? HttpMethod.Get : HttpMethod.Post,
            Uri = new Uri(example.Url),
            Headers = [new("Accept", "application/json")],
            Body = example.Body is null ? null : Encoding.UTF8.GetBytes(example.Body),
        };
        using var message = new HttpResponseMessage();
        foreach (var link in example.Headers)
        {
            message.Headers.TryAddWithoutValidation("Link", link);
        }

        var pageResponse = new PageResponse(200, message.Headers, null, body, items);
        // One run; every iteration is its page 1 step (the request is converted from the configured one).
        var start = strategy!.Start(first);
        Action step = () =>
        {
            if (strategy.Next(new PageContext(first, pageResponse, start.State, 1, 100)).Next is null)
            {
                throw new InvalidOperationException(example.Name + ": stopped");
            }
        };

        Action parse = () =>
        {
            using var parsed = JsonDocument.Parse(bytes);
        };

        var (cpu, wall) = Measure([interpreter, step, parse]);
        return (cpu, wall, bytes.Length);
    }

    private static string Report(string table, bool met, double worstStep)
    {
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
        string? cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"""
            # Script paging benchmark

            Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC with `dotnet run -c Release --project bench/Paginate.Bench -- script`,
            the process pinned to one core. Each row is one example script of `docs/script-paging.md` (seed 003) run after a
            page of about 28 KB of Stripe-like JSON (100 customers) plus the example's paging fields:

            - **interpreter**: copy the next request and run the parsed script on the page (`ScriptProgram.Run`);
            - **strategy step**: what the page loop pays per page: `ScriptStrategy.Next` (convert the request, run the
              script, compare with the previous request, build the next `PageRequest`);
            - **baseline**: one `JsonDocument.Parse` of the same page bytes, measured in the same run — every page
              costs at least this much anyway.

            Median of {Batches} interleaved batches (each about 10 ms) after a 400 ms warm-up, per page, in µs of the
            process's CPU time and, in parentheses, of wall time. The machine is shared (load average {load} at the end
            of the run): CPU time is the robust figure; wall time includes waiting for the core.

            {table.TrimEnd()}

            Target: < 50 µs per page: {(met ? "met" : "NOT met")} (slowest strategy step {worstStep:F1} µs of CPU time).

            Machine: {cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores visible, {System.Runtime.InteropServices.RuntimeInformation.OSDescription};
            {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}.

            """;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Paginate.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    private static void PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("note: could not pin to one core");
        }
    }

    /// <summary>
    /// Medians over batches of the time of one call, in microseconds of process CPU time and of wall time, after
    /// a warm-up. The actions' batches are interleaved, so a script and its baseline see the same machine load.
    /// </summary>
    private static (double[] Cpu, double[] Wall) Measure(Action[] actions)
    {
        // Warm up by time, not count: tiered JIT recompiles hot code in the background after ~100 ms.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromMilliseconds(400))
        {
            foreach (var action in actions)
            {
                action();
            }
        }

        var perBatch = new int[actions.Length];
        var watch = new Stopwatch();
        for (int a = 0; a < actions.Length; a++)
        {
            perBatch[a] = 1;
            do
            {
                perBatch[a] *= 2;
                watch.Restart();
                for (int i = 0; i < perBatch[a]; i++)
                {
                    actions[a]();
                }
            }
            while (watch.Elapsed < TimeSpan.FromMilliseconds(10));
        }

        var process = Process.GetCurrentProcess();
        var cpu = actions.Select(_ => new double[Batches]).ToArray();
        var wall = actions.Select(_ => new double[Batches]).ToArray();
        for (int b = 0; b < Batches; b++)
        {
            for (int a = 0; a < actions.Length; a++)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                watch.Restart();
                for (int i = 0; i < perBatch[a]; i++)
                {
                    actions[a]();
                }

                wall[a][b] = watch.Elapsed.TotalMicroseconds / perBatch[a];
                process.Refresh();
                cpu[a][b] = (process.TotalProcessorTime - before).TotalMicroseconds / perBatch[a];
            }
        }

        static double Median(double[] values)
        {
            Array.Sort(values);
            return values[values.Length / 2];
        }

        return ([.. cpu.Select(Median)], [.. wall.Select(Median)]);
    }

    /// <summary>A realistic page: 100 items of about a dozen fields, plus the example's paging fields.</summary>
    private static string Page(string? extra)
    {
        var builder = new StringBuilder("{\"data\": [");
        for (int i = 0; i < 100; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(CultureInfo.InvariantCulture,
                $"{{\"id\": \"cus_{i:D6}\", \"object\": \"customer\", \"email\": \"user{i}@example.com\", \"name\": \"Customer {i}\", \"created\": {1700000000 + i}, \"balance\": {i * 13}, \"currency\": \"usd\", \"delinquent\": false, \"address\": {{\"city\": \"Paris\", \"country\": \"FR\", \"line1\": \"{i} rue de Rivoli\"}}, \"metadata\": {{\"tier\": \"gold\"}}}}");
        }

        builder.Append(']');
        if (extra is not null)
        {
            builder.Append(", ").Append(extra);
        }

        return builder.Append('}').ToString();
    }
}
