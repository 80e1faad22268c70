using Microsoft.Extensions.Options;

namespace Paginate.ConfigAdmin.Hosting;

/// <summary>Checks the admin section once at start, naming every bad key and value.</summary>
internal sealed class AdminOptionsValidator(IHostEnvironment environment) : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();

        // runner_url goes into API answers and the token mail: built from the request's Host header it
        // could point a token holder at any host a caller names. Only a developer's machine may fall back.
        if (options.PublicGatewayUrl is null && !environment.IsDevelopment())
        {
            failures.Add($"Admin:PublicGatewayUrl is required (environment '{environment.EnvironmentName}'): runner_url and the token mail are never built from the request's Host header outside Development. Set Admin__PublicGatewayUrl, e.g. https://paginate.example.com.");
        }

        CheckBaseUrl(failures, "Admin:PublicGatewayUrl", options.PublicGatewayUrl);
        CheckBaseUrl(failures, "Admin:PublicAdminUrl", options.PublicAdminUrl);
        for (var i = 0; i < options.TokenEmailDomains.Count; i++)
        {
            var domain = options.TokenEmailDomains[i];
            if (string.IsNullOrWhiteSpace(domain) || domain.Contains('@', StringComparison.Ordinal) || domain.Any(char.IsWhiteSpace))
            {
                failures.Add($"Admin:TokenEmailDomains:{i} must be a domain name such as clay.com.");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.ApiKeys[i]))
            {
                failures.Add($"Admin:ApiKeys:{i} is empty.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBaseUrl(List<string> failures, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
    }
}
