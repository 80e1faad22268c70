using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;

namespace Paginate.Engine.Strategies;

/// <summary>
/// <c>script</c>: the first page is fetched with the configured request; after each page the script runs and
/// changes the next request, or stops it with <c>@pager.stop(true)</c>. A script that changes nothing also
/// stops the run: both are <c>script_stop</c>. A run-time error fails the run with <c>script_error</c>. The
/// decision carries the page's <c>@log</c> lines and, when the rate limit the script set says the page was
/// throttled, a delay. The run's variables travel, immutable, in <see cref="PagingState.Script"/>.
/// </summary>
internal sealed class ScriptStrategy : IPagingStrategy
{
    // Values this short (page sizes, flags) are too common to mask inside log lines; taint marks still apply.
    private const int MinRedactedLength = 4;

    private readonly ScriptProgram _program;

    public ScriptStrategy(ScriptProgram program) => _program = program;

    public string Name => PaginationStyles.Script;

    public PageDecision Start(PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The configured URL and body may hold placeholder values (keys, emails): they must never reach a log line.
        var secrets = new List<string>();
        foreach (string part in request.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            string value = equals < 0 ? string.Empty : Uri.UnescapeDataString(part[(equals + 1)..].Replace('+', ' '));
            AddSecret(secrets, value);
        }

        // Path placeholders cannot be told from fixed words ("items"); segments that look like ids or
        // addresses are masked, plain words are not.
        foreach (string segment in request.Uri.AbsolutePath.Split('/'))
        {
            string text = Uri.UnescapeDataString(segment);
            if (text.Length >= 20 || text.Any(c => char.IsAsciiDigit(c) || c == '@'))
            {
                AddSecret(secrets, text);
            }
        }

        if (request.Body is { Length: > 0 } body)
        {
            try
            {
                CollectStrings(JsonNode.Parse(body), secrets);
            }
            catch (JsonException)
            {
                // Not JSON: the script cannot read it anyway.
            }
        }

        var run = new ScriptPagingState { Run = ScriptRunState.Start(_program, secrets) };
        return PageDecision.Continue(request, new PagingState { Script = run });
    }

    public PageDecision Next(PageContext page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var run = page.State.Script
            ?? throw new InvalidOperationException("A script run's state is missing: Start was not called for this run.");
        var state = run.Run with { PageCount = page.PageCount };
        // The loop sends the request this strategy returned as is: reuse the script's own copy of it, which keeps
        // secret marks and untouched encodings.
        var request = run.LastRequest is not null && ReferenceEquals(run.LastPageRequest, page.Request)
            ? run.LastRequest.Clone()
            : FromPageRequest(page.Request, state.Secrets);
        var before = request.Clone();

        var response = new ScriptResponse(page.Response.Status, page.Response.GetHeaderValues, page.Response.Body);
        var outcome = _program.Run(state, request, response);
        if (outcome.Error is not null)
        {
            return PageDecision.Fail(ErrorCodes.ScriptError, outcome.Error.ToString()) with { Logs = outcome.Logs, State = page.State };
        }

        if (outcome.Stop || request.SameAs(before))
        {
            var stopped = page.State with { Script = run with { Run = outcome.State } };
            return new PageDecision { StopReason = StopReasons.ScriptStop, State = stopped, Logs = outcome.Logs };
        }

        var next = ToPageRequest(page.Request, before, request);
        var nextState = page.State with { Script = new ScriptPagingState { Run = outcome.State, LastRequest = request, LastPageRequest = next } };
        return PageDecision.Continue(next, nextState) with { Logs = outcome.Logs, Delay = ThrottleDelay(outcome.State.RateLimit, page.Response) };
    }

    /// <summary>
    /// <c>@request.ratelimit.set</c>: a page that failed with a status in the allowlist is asked for again after
    /// <c>wait</c> (a longer <c>Retry-After</c> wins), at most <c>retry</c> times; then the failure stands.
    /// </summary>
    public TimeSpan? RetryThrottled(PagingState state, int? status, TimeSpan? retryAfter, int retried)
    {
        ArgumentNullException.ThrowIfNull(state);
        var limit = state.Script?.Run.RateLimit;
        if (limit is null || status is not { } code || retried >= limit.Retries || !limit.StatusCodes.Contains(code))
        {
            return null;
        }

        var wait = TimeSpan.FromMilliseconds(limit.WaitMs);
        return retryAfter > wait ? retryAfter : wait;
    }

    /// <summary>
    /// <c>@request.ratelimit.set</c>: when the page just received is marked throttled (its status is in the
    /// allowlist, or it carries the header), wait before the next request. Throttled statuses that fail a page
    /// (429, 503) are retried by the loop's own retry policy, which honours <c>Retry-After</c>.
    /// </summary>
    private static TimeSpan? ThrottleDelay(ScriptRateLimit? limit, PageResponse response)
    {
        if (limit is null || limit.WaitMs == 0)
        {
            return null;
        }

        bool throttled = limit.StatusCodes.Contains(response.Status)
            || (limit.Header is not null && response.GetHeaderValues(limit.Header).Any());
        return throttled ? TimeSpan.FromMilliseconds(limit.WaitMs) : null;
    }

    private static ScriptRequest FromPageRequest(PageRequest request, IReadOnlyList<string> secrets)
    {
        JsonNode? body = null;
        if (request.Body is { Length: > 0 } bytes)
        {
            try
            {
                body = JsonNode.Parse(bytes);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var headers = request.Headers.Select(h => new ScriptField(h.Key, h.Value, false));
        return ScriptRequest.Create(request.Method.Method, request.Uri, headers, body, secrets, configured: true);
    }

    private static PageRequest ToPageRequest(PageRequest current, ScriptRequest before, ScriptRequest after)
    {
        byte[]? body = JsonNode.DeepEquals(before.Body, after.Body)
            ? current.Body
            : after.Body is null ? null : Encoding.UTF8.GetBytes(after.Body.ToJsonString());
        return current with
        {
            Uri = new Uri(after.BuildUri(), UriKind.Absolute),
            Headers = [.. after.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
            Body = body,
        };
    }

    private static void AddSecret(List<string> secrets, string value)
    {
        if (value.Length >= MinRedactedLength)
        {
            secrets.Add(value);
        }
    }

    private static void CollectStrings(JsonNode? node, List<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    CollectStrings(property.Value, secrets);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectStrings(item, secrets);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                AddSecret(secrets, value.GetValue<string>());
                break;
        }
    }
}
