using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Paging.Strategies;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;

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

    /// <summary>Runs every example and prints one Markdown row each; returns the table.</summary>
    public static string Run()
    {
        var table = new StringBuilder()
            .AppendLine("| script | interpreter µs/page, median (best) | strategy step µs/page, median (best) | baseline: one JsonDocument.Parse of the page, µs, median (best) | step / parse | page bytes |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var example in s_examples)
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

            var state = new ScriptRunState(program);
            var request = ScriptRequest.Create(
                example.Body is null ? "GET" : "POST", new Uri(example.Url), [new ScriptField("Accept", "application/json", false)],
                example.Body is null ? null : System.Text.Json.Nodes.JsonNode.Parse(example.Body));
            var response = new ScriptResponse(200, links, body);
            Action interpreter = () =>
            {
                state.PageCount = 1;
                var copy = request.Clone();
                var outcome = program.Run(state, copy, response);
                if (outcome.Error is not null)
                {
                    throw new InvalidOperationException(example.Name + ": " + outcome.Error);
                }
            };

            var errors = new Dictionary<string, List<string>>();
            PagingStrategies.TryCreate(new PaginationSpec { Style = PaginationStyles.Script, Script = example.Script }, errors, out var strategy);
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
            Action step = () =>
            {
                // A fresh run per iteration: the step always starts from the configured request, as page 1 does.
                var start = strategy!.Start(first);
                var decision = strategy.Next(new PageContext(first, pageResponse, start.State, 1, 100));
                if (decision.Next is null)
                {
                    throw new InvalidOperationException(example.Name + ": stopped");
                }
            };

            Action parse = () =>
            {
                using var parsed = JsonDocument.Parse(bytes);
            };

            var (medians, minimums) = Measure([interpreter, step, parse]);
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {example.Name} | {medians[0]:F2} ({minimums[0]:F2}) | {medians[1]:F2} ({minimums[1]:F2}) | {medians[2]:F2} ({minimums[2]:F2}) | {medians[1] / medians[2]:P0} | {bytes.Length} |");
        }

        string result = table.ToString();
        Console.Write(result);
        return result;
    }

    /// <summary>
    /// Median and best over batches of the time of one call, in microseconds, after a warm-up. The actions'
    /// batches are interleaved, so the script and its baseline see the same machine load.
    /// </summary>
    private static (double[] Medians, double[] Minimums) Measure(Action[] actions)
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

        var samples = new double[actions.Length][];
        for (int a = 0; a < actions.Length; a++)
        {
            samples[a] = new double[Batches];
        }

        for (int b = 0; b < Batches; b++)
        {
            for (int a = 0; a < actions.Length; a++)
            {
                watch.Restart();
                for (int i = 0; i < perBatch[a]; i++)
                {
                    actions[a]();
                }

                samples[a][b] = watch.Elapsed.TotalMicroseconds / perBatch[a];
            }
        }

        foreach (var list in samples)
        {
            Array.Sort(list);
        }

        return ([.. samples.Select(l => l[Batches / 2])], [.. samples.Select(l => l[0])]);
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
