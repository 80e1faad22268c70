using System.Text.Json;
using Paginate.Engine.Runners;
using static Paginate.Engine.Tests.Runners.ValidationAssert;

namespace Paginate.Engine.Tests.Runners;

public sealed class RequestValidationTests
{
    private static RunnerDefinition WithRequest(Func<RequestSpec, RequestSpec> change)
    {
        var definition = RunnerSamples.Stripe();
        return definition with { Request = change(definition.Request) };
    }

    private static RunnerDefinition WithUrl(string? url) => WithRequest(r => r with { Url = url });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Samples_AreValid()
    {
        Valid(RunnerSamples.Stripe());
        Valid(RunnerSamples.GraphQl());
        Valid(RunnerSamples.PageNumber());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Name_Missing_IsRequired(string? name) =>
        OnlyError(RunnerSamples.Stripe() with { Name = name }, "name", "name is required: 1 to 200 characters");

    [Fact]
    public void Name_TooLong_SaysLengthAndLimit()
    {
        Valid(RunnerSamples.Stripe() with { Name = new string('n', 200) });
        OnlyError(RunnerSamples.Stripe() with { Name = new string('n', 201) }, "name", "name is 201 characters long; at most 200 allowed");
    }

    [Fact]
    public void Description_TooLong_IsRejected() =>
        OnlyError(RunnerSamples.Stripe() with { Description = new string('d', 2001) }, "description", "at most 2000 allowed");

    [Fact]
    public void Sections_Null_AreReportedEach()
    {
        var definition = RunnerSamples.Stripe() with { Request = null!, Pagination = null!, Response = null!, Shape = null!, Limits = null! };
        var errors = Errors(definition);
        Assert.Equal(
            new[] { "limits", "pagination", "request", "response", "shape" },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("request must be an object", errors["request"][0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("get")]
    public void Method_Other_IsRejected(string method) =>
        OnlyError(WithRequest(r => r with { Method = method }), "request.method", $"request.method '{method}' is not supported; use GET or POST");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Url_Missing_IsRequired(string? url) =>
        OnlyError(WithUrl(url), "request.url", "request.url is required: an absolute https URL");

    [Theory]
    [InlineData("api.example.com/v1/items")]
    [InlineData("/v1/items")]
    [InlineData("https://")]
    public void Url_NotAbsolute_IsRejected(string url) =>
        OnlyError(WithUrl(url), "request.url", "request.url is not an absolute URL");

    [Theory]
    [InlineData("ftp://api.example.com/items")]
    [InlineData("http://api.example.com/items")]
    public void Url_NotHttps_IsRejected(string url) =>
        OnlyError(WithUrl(url), "request.url", $"request.url must use https, not '{new Uri(url).Scheme}' (http is allowed only where the deployment allows private upstreams)");

    [Fact]
    public void Url_Http_IsAllowedWithPrivateUpstreams() =>
        Valid(WithUrl("http://api.example.com/items?email={{email}}"), allowPrivate: true);

    [Fact]
    public void Url_UserInfo_IsRejectedWithoutEchoingIt()
    {
        var messages = OnlyError(WithUrl("https://user:hunter2@api.example.com/items"), "request.url", "must not hold a user name or password");
        Assert.DoesNotContain("hunter2", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://{{tenant}}.example.com/items")]
    [InlineData("https://api.example.com:{{port}}/items")]
    [InlineData("{{scheme}}://api.example.com/items")]
    [InlineData("https://{{host}}/items")]
    public void Url_PlaceholderInSchemeOrHost_IsRejected(string url) =>
        OnlyError(WithUrl(url), "request.url", "placeholders are allowed in the path and query only; the scheme and host must be literal");

    [Fact]
    public void Url_PlaceholdersInPathAndQuery_AreAllowed() =>
        Valid(WithUrl("https://api.example.com/v1/{{account}}/items/{{ id }}?q={{query}}&email={{email}}"));

    [Fact]
    public void Url_InvalidPlaceholder_NamesTextAndPosition() =>
        OnlyError(WithUrl("https://api.example.com/items?q={{ bad-name }}"), "request.url",
            "'{{ bad-name }}' in position 32 of request.url is not a valid placeholder; names match [A-Za-z_][A-Za-z0-9_]{0,63}");

    [Fact]
    public void Url_Fragment_IsRejected() =>
        OnlyError(WithUrl("https://api.example.com/items#top"), "request.url", "request.url has a fragment ('#...'); fragments are never sent to the server, remove it");

    [Theory]
    [InlineData("https://127.0.0.1/items")]
    [InlineData("https://10.1.2.3/items")]
    [InlineData("https://172.16.0.1/items")]
    [InlineData("https://192.168.1.1/items")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/items")]
    [InlineData("https://[fd00::1]/items")]
    [InlineData("https://localhost/items")]
    [InlineData("https://0.0.0.0/items")]
    public void Url_PrivateHost_IsRejectedUnlessAllowed(string url)
    {
        OnlyError(WithUrl(url), "request.url", "a loopback, private or link-local address; upstreams must be public");
        Valid(WithUrl(url), allowPrivate: true);
    }

    [Fact]
    public void Url_Errors_DoNotEchoTheUrl()
    {
        var messages = OnlyError(WithUrl("ftp://api.example.com/items?api_key=canary-url-key-33"), "request.url", "must use https");
        Assert.DoesNotContain("canary-url-key-33", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_PublicIp_IsAllowed() => Valid(WithUrl("https://93.184.215.14/items"));

    [Theory]
    [InlineData("X Bad", "'X Bad' is not a valid header name")]
    [InlineData("X-Bad:", "'X-Bad:' is not a valid header name")]
    [InlineData("", "request.forward_headers[1] is empty")]
    public void ForwardHeaders_InvalidName_IsRejected(string name, string fragment) =>
        OnlyError(WithRequest(r => r with { ForwardHeaders = ["Authorization", name] }), "request.forward_headers[1]", fragment);

    [Fact]
    public void ForwardHeaders_Duplicate_IgnoresCase() =>
        OnlyError(WithRequest(r => r with { ForwardHeaders = ["Authorization", "X-Tenant", "authorization"] }), "request.forward_headers[2]",
            "request.forward_headers[2] 'authorization' is listed more than once");

    [Theory]
    [InlineData("Host")]
    [InlineData("Content-Length")]
    [InlineData("Connection")]
    [InlineData("Transfer-Encoding")]
    [InlineData("keep-alive")]
    [InlineData("Upgrade")]
    [InlineData("TE")]
    public void ForwardHeaders_HopByHopHostAndLength_AreRejected(string name) =>
        OnlyError(WithRequest(r => r with { ForwardHeaders = [name] }), "request.forward_headers[0]", $"'{name}' cannot be forwarded");

    [Theory]
    [InlineData("x-clay-paginate-token")]
    [InlineData("X-Clay-Paginate-Token")]
    public void ForwardHeaders_AccessToken_IsNeverForwarded(string name) =>
        OnlyError(WithRequest(r => r with { ForwardHeaders = [name] }), "request.forward_headers[0]", "is Paginate's own access token");

    [Fact]
    public void ForwardHeaders_Null_IsRejected() =>
        OnlyError(WithRequest(r => r with { ForwardHeaders = null! }), "request.forward_headers", "must be an array of header names");

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Cookie")]
    [InlineData("X-Api-Key")]
    [InlineData("Api-Key")]
    [InlineData("X-Auth-Token")]
    [InlineData("Client-Secret")]
    [InlineData("X-PASSWORD")]
    [InlineData("Ocp-Apim-Subscription-Key")]
    public void StaticHeaders_CredentialName_IsRejectedWithoutEchoingTheValue(string name)
    {
        const string canary = "sk_live_canary_7f3a";
        var definition = WithRequest(r => r with { ForwardHeaders = [], StaticHeaders = new Dictionary<string, string> { [name] = canary } });
        var messages = OnlyError(definition, $"request.static_headers.{name}",
            "credentials come from Clay at run time: list the header in forward_headers instead");
        Assert.DoesNotContain(canary, messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line\r\nX-Injected: 1")]
    [InlineData("line\nbreak")]
    [InlineData("nul\0")]
    public void StaticHeaders_ControlCharacters_AreRejected(string value) =>
        OnlyError(WithRequest(r => r with { StaticHeaders = new Dictionary<string, string> { ["X-Note"] = value } }), "request.static_headers.X-Note",
            "the value of 'X-Note' must not contain line breaks or other control characters");

    [Fact]
    public void StaticHeaders_InvalidNameRestrictedAndForwarded_AreRejected()
    {
        var definition = WithRequest(r => r with
        {
            ForwardHeaders = ["X-Tenant"],
            StaticHeaders = new Dictionary<string, string> { ["Bad Name"] = "v", ["Host"] = "evil.example", ["x-tenant"] = "acme", ["Accept"] = "application/json" },
        });

        var errors = Errors(definition);
        Assert.Equal(
            new[] { "request.static_headers.Bad Name", "request.static_headers.Host", "request.static_headers.x-tenant" },
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("is not a valid header name", errors["request.static_headers.Bad Name"][0], StringComparison.Ordinal);
        Assert.Contains("'Host' cannot be set", errors["request.static_headers.Host"][0], StringComparison.Ordinal);
        Assert.Contains("'x-tenant' is both a static and a forwarded header; keep one", errors["request.static_headers.x-tenant"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void StaticHeaders_SameNameDifferentCase_IsRejected() =>
        OnlyError(WithRequest(r => r with { StaticHeaders = new Dictionary<string, string> { ["Accept"] = "a", ["accept"] = "b" } }), "request.static_headers.accept",
            "is set more than once");

    [Fact]
    public void Body_OnGet_IsRejected() =>
        OnlyError(WithRequest(r => r with { Body = Json("""{ "q": 1 }""") }), "request.body",
            "request.body is only sent with POST; remove it or set request.method to POST");

    [Fact]
    public void Body_NullOnGet_IsFine() =>
        Valid(WithRequest(r => r with { Body = Json("null") }));

    [Theory]
    [InlineData("\"text\"", "not a string")]
    [InlineData("42", "not a number")]
    [InlineData("true", "not a boolean")]
    public void Body_NotObjectOrArray_IsRejected(string body, string fragment) =>
        OnlyError(WithRequest(r => r with { Method = "POST", Body = Json(body) }), "request.body", $"request.body must be a JSON object or array, {fragment}");

    [Fact]
    public void Body_ArrayOnPost_IsFine() =>
        Valid(WithRequest(r => r with { Method = "POST", Body = Json("""[ { "q": "{{email}}" } ]""") }));

    [Fact]
    public void Body_InvalidPlaceholder_IsRejected() =>
        OnlyError(WithRequest(r => r with { Method = "POST", Body = Json("""{ "filter": { "email": "{{e-mail}}" } }""") }), "request.body",
            "'{{e-mail}}' in a string value of request.body is not a valid placeholder");
}
