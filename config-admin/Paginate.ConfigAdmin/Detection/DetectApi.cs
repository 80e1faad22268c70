using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Paginate.ConfigAdmin.DryRuns;
using Paginate.ConfigAdmin.Http;
using Paginate.ConfigAdmin.Problems;
using Paginate.ConfigAdmin.Runners;
using Paginate.Engine.Compilation;
using Paginate.Engine.Runners;

namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// <c>POST /api/runners/detect</c>: fetch a real first page and suggest pagination and items path, each
/// suggestion compiled to be sure it is a valid runner. Nothing is stored.
/// </summary>
internal static partial class DetectApi
{
    private static readonly string[] Fields = ["request", "test_headers", "test_query"];

    public static IEndpointRouteBuilder MapDetection(this IEndpointRouteBuilder api)
    {
        api.MapGroup("/runners").WithTags("Detection")
            .MapPost("/detect", DetectAsync)
            .Accepts<DetectRequest>("application/json")
            .WithSummary("Suggest pagination and items path from a real first page")
            .ProducesValidationProblem().ProducesProblem(415).ProducesProblem(502);
        return api;
    }

    private static async Task<Results<Ok<DetectResponse>, ProblemHttpResult>> DetectAsync(
        HttpRequest request,
        DryRunner dryRunner,
        RunnerCompilation compilation,
        FirstPageFetcher fetcher,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var root = document!.RootElement;
            var errors = new FieldErrors();
            JsonBody.RejectUnknownFields(root, Fields, errors);
            var input = DryRunInput.Read(root, errors, withMaxPages: false);
            if (!root.TryGetProperty("request", out var requestJson) || requestJson.ValueKind != JsonValueKind.Object)
            {
                errors.Add("request", "is required: the runner's request object (method, url, ...).");
                return ApiProblems.Validation(errors.ToDictionary());
            }

            var draft = new JsonObject { ["name"] = "detected", ["request"] = JsonNode.Parse(requestJson.GetRawText()) };
            var definition = DefinitionReader.Read(JsonSerializer.SerializeToElement(draft), "", errors);
            var runner = definition is null || errors.Count > 0 ? null : dryRunner.Prepare(definition, input, "", errors);
            if (runner is null || errors.Count > 0)
            {
                return ApiProblems.Validation(errors.ToDictionary());
            }

            var (page, failure, status) = await fetcher.FetchAsync(runner, input, cancellationToken).ConfigureAwait(false);
            if (page is null)
            {
                var upstream = ApiProblems.Status(StatusCodes.Status502BadGateway, "Upstream failed", failure!, ProblemTypes.UpstreamFailed);
                if (status is not null)
                {
                    upstream.ProblemDetails.Extensions["upstream_status"] = status;
                }

                return upstream;
            }

            var detected = PaginationDetector.Detect(page, runner.Definition.Request);
            var suggestions = new List<DetectSuggestion>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var suggestion in detected.Found.OrderByDescending(s => s.Confidence))
            {
                var key = JsonSerializer.Serialize(suggestion.Pagination, RunnerJson.Options) + "|" + suggestion.Response.ItemsPath;
                var candidate = runner.Definition with { Pagination = suggestion.Pagination, Response = suggestion.Response };
                if (seen.Add(key) && RunnerCompiler.Compile(candidate, compilation.Options).IsValid)
                {
                    suggestions.Add(suggestion);
                }
            }

            LogDetected(loggers.CreateLogger("Paginate.ConfigAdmin.Detection"), suggestions.Count, suggestions.FirstOrDefault()?.Pagination.Style ?? "none");
            return TypedResults.Ok(new DetectResponse(suggestions, page.Status, detected.Items?.Count));
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Detection made {Count} suggestions, best: {Style}")]
    private static partial void LogDetected(ILogger logger, int count, string style);
}
