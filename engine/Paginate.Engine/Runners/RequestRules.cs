using System.Text.Json;
using FluentValidation;

namespace Paginate.Engine.Runners;

/// <summary>Rules of <c>request</c>: method, url, headers and body.</summary>
internal sealed class RequestRules : AbstractValidator<RunnerDefinition>
{
    public RequestRules(RunnerCompileOptions options)
    {
        When(x => x.Request is not null, () =>
        {
            RuleFor(x => x.Request.Method).Custom((method, context) =>
            {
                if (method is not ("GET" or "POST"))
                {
                    context.Fail("request.method", method is null
                        ? "request.method must be GET or POST, not null"
                        : $"request.method '{method}' is not supported; use GET or POST");
                }
            });

            RuleFor(x => x.Request.Url).Custom((url, context) => CheckUrl(url, options, context));
            RuleFor(x => x.Request.ForwardHeaders).Custom(CheckForwardHeaders);
            RuleFor(x => x.Request).Custom(CheckStaticHeaders);
            RuleFor(x => x.Request).Custom(CheckBody);
        });
    }

    private static void CheckUrl(string? url, RunnerCompileOptions options, ValidationContext<RunnerDefinition> context)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            context.Fail("request.url", "request.url is required: an absolute https URL, e.g. 'https://api.example.com/v1/items?email={{email}}'");
            return;
        }

        foreach (var (text, position) in Placeholders.FindInvalid(url))
        {
            context.Fail("request.url", InvalidPlaceholder(text, $"position {position} of request.url"));
        }

        var errors = new List<string>();
        if (!UrlTemplate.TryParse(url, options.AllowPrivateUpstreams, out _, errors))
        {
            foreach (var error in errors)
            {
                context.Fail("request.url", $"request.url {error}");
            }
        }
    }

    private static void CheckForwardHeaders(IReadOnlyList<string>? headers, ValidationContext<RunnerDefinition> context)
    {
        if (headers is null)
        {
            context.Fail("request.forward_headers", "request.forward_headers must be an array of header names (it may be empty), not null");
            return;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var path = $"request.forward_headers[{i}]";
            var name = headers[i];
            if (!HeaderRules.IsValidName(name))
            {
                context.Fail(path, string.IsNullOrEmpty(name)
                    ? $"{path} is empty; write a header name such as 'Authorization'"
                    : $"{path} '{name}' is not a valid header name; use {HeaderRules.AllowedNameCharacters}");
            }
            else if (HeaderRules.IsAccessToken(name))
            {
                context.Fail(path, $"{path} '{name}' is Paginate's own access token: it is checked at the gateway and never sent upstream");
            }
            else if (HeaderRules.IsRestricted(name))
            {
                context.Fail(path, $"{path} '{name}' cannot be forwarded: it belongs to one connection or is set for each upstream request");
            }
            else if (!seen.Add(name))
            {
                context.Fail(path, $"{path} '{name}' is listed more than once (header names ignore case)");
            }
        }
    }

    private static void CheckStaticHeaders(RequestSpec request, ValidationContext<RunnerDefinition> context)
    {
        if (request.StaticHeaders is null)
        {
            context.Fail("request.static_headers", "request.static_headers must be an object of header names and values (it may be empty), not null");
            return;
        }

        var forwarded = new HashSet<string>(request.ForwardHeaders?.Where(h => h is not null) ?? [], StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in request.StaticHeaders)
        {
            // The value is never echoed: a misplaced credential must not travel back in an error body.
            var path = $"request.static_headers.{name}";
            if (!HeaderRules.IsValidName(name))
            {
                context.Fail(path, $"'{name}' is not a valid header name; use {HeaderRules.AllowedNameCharacters}");
                continue;
            }

            if (HeaderRules.IsCredentialName(name) || HeaderRules.IsAccessToken(name))
            {
                context.Fail(path, $"'{name}' looks like a credential; credentials come from Clay at run time: list the header in forward_headers instead");
                continue;
            }

            if (HeaderRules.IsRestricted(name))
            {
                context.Fail(path, $"'{name}' cannot be set: it belongs to one connection or is set for each upstream request");
            }
            else if (!seen.Add(name))
            {
                context.Fail(path, $"'{name}' is set more than once (header names ignore case)");
            }
            else if (forwarded.Contains(name))
            {
                context.Fail(path, $"'{name}' is both a static and a forwarded header; keep one");
            }

            if (value is null)
            {
                context.Fail(path, $"'{name}' needs a string value, not null");
            }
            else if (!HeaderRules.IsValidValue(value))
            {
                context.Fail(path, $"the value of '{name}' must not contain line breaks or other control characters");
            }
        }
    }

    private static void CheckBody(RequestSpec request, ValidationContext<RunnerDefinition> context)
    {
        if (request.Body is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } body)
        {
            return;
        }

        if (request.Method == "GET")
        {
            context.Fail("request.body", "request.body is only sent with POST; remove it or set request.method to POST");
        }

        if (body.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            context.Fail("request.body", $"request.body must be a JSON object or array, not {Json.JsonPath.DescribeKind(body.ValueKind)}");
            return;
        }

        foreach (var text in Placeholders.StringValues(body))
        {
            foreach (var (invalid, _) in Placeholders.FindInvalid(text))
            {
                context.Fail("request.body", InvalidPlaceholder(invalid, "a string value of request.body"));
            }
        }
    }

    private static string InvalidPlaceholder(string text, string where) =>
        $"'{text}' in {where} is not a valid placeholder; names match {Placeholders.NamePattern}, e.g. '{{{{email}}}}'";
}
