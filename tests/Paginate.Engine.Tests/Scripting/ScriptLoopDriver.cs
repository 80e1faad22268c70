using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.Engine.Scripting;
using Paginate.Engine.Scripting.Runtime;
using Paginate.Engine.Scripting.Syntax;
using Paginate.Engine.Strategies;

namespace Paginate.Engine.Tests.Scripting;

/// <summary>
/// Drives a script runner's strategy against a real upstream the way the page loop does: sends each
/// request (adding forwarded headers only when sending), hands the page to the strategy, and applies the
/// loop's own safety rules (max pages, repeated request, cross-origin next).
/// </summary>
internal static class ScriptLoopDriver
{
    public sealed record Result(int Pages, List<JsonElement> Items, string StopReason, List<string> Logs, string? Error, ScriptRateLimit? RateLimit, TimeSpan? LastDelay);

    public static IPagingStrategy Compile(string script)
    {
        var errors = new FieldErrors();
        Assert.True(
            PagingStrategies.TryCreate(new PaginationSpec { Style = PaginationStyles.Script, Script = script }, errors, out var strategy),
            string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
        return strategy;
    }

    public static async Task<Result> RunAsync(
        string script,
        Uri url,
        string itemsPath,
        string? body = null,
        IReadOnlyList<KeyValuePair<string, string>>? forwarded = null,
        int maxPages = 20)
    {
        var strategy = Compile(script);
        using var client = new HttpClient();
        var first = new PageRequest
        {
            Method = body is null ? HttpMethod.Get : HttpMethod.Post,
            Uri = url,
            Headers = [new("Accept", "application/json")],
            Body = body is null ? null : Encoding.UTF8.GetBytes(body),
        };
        var decision = strategy.Start(first);
        var items = new List<JsonElement>();
        var logs = new List<string>();
        var seen = new HashSet<UInt128>();
        int pages = 0;
        while (true)
        {
            var request = decision.Next!;
            seen.Add(RequestFingerprint.Of(request));
            using var message = new HttpRequestMessage(request.Method, request.Uri);
            foreach (var header in request.Headers.Concat(forwarded ?? []))
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (request.Body is not null)
            {
                message.Content = new ByteArrayContent(request.Body);
                message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }

            using var response = await client.SendAsync(message);
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            var pageItems = itemsPath.Length == 0
                ? document.RootElement
                : itemsPath.Split('.').Aggregate(document.RootElement, (e, name) => e.GetProperty(name));
            items.AddRange(pageItems.EnumerateArray().Select(i => i.Clone()));
            pages++;
            var page = new PageContext(
                request,
                new PageResponse((int)response.StatusCode, response.Headers, response.Content.Headers, document.RootElement, pageItems),
                decision.State,
                pages,
                items.Count);
            decision = strategy.Next(page);
            var rateLimit = (decision.State.Script ?? page.State.Script!).Run.RateLimit;
            logs.AddRange(decision.Logs ?? []);
            if (decision.ErrorCode is not null)
            {
                Assert.Equal(ErrorCodes.ScriptError, decision.ErrorCode);
                return new Result(pages, items, StopReasons.UpstreamError, logs, decision.ErrorDetail, rateLimit, decision.Delay);
            }

            string? stop = decision.StopReason;
            if (stop is null && pages >= maxPages)
            {
                stop = StopReasons.MaxPages;
            }
            else if (stop is null && !seen.Add(RequestFingerprint.Of(decision.Next!)))
            {
                stop = StopReasons.RepeatedNext;
            }
            else if (stop is null && decision.Next!.Uri.GetLeftPart(UriPartial.Authority) != url.GetLeftPart(UriPartial.Authority))
            {
                stop = StopReasons.CrossOriginNext;
            }

            if (stop is not null)
            {
                return new Result(pages, items, stop, logs, null, rateLimit, decision.Delay);
            }

            seen.Remove(RequestFingerprint.Of(decision.Next!));
        }
    }
}
