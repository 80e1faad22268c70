using Paginate.ConfigAdmin.Notes;

namespace Paginate.ConfigAdmin.Tests.Notes;

public sealed class CredentialDetectorTests
{
    [Theory]
    [InlineData("use Authorization: Bearer abcdef123456.xyz for this one", "Bearer")]
    [InlineData("basic auth is Basic dXNlcjpwYXNzd29yZA==", "Bearer/Basic")]
    [InlineData("prod key sk_live_51Hx9aQ2eZvKYlo2C8xyzabc", "Stripe")]
    [InlineData("restricted rk_live_abcdefgh12345678", "Stripe")]
    [InlineData("test key sk_test_4eC39HqLyjWDarjtT1zdp7dc", "Stripe")]
    [InlineData("gh token ghp_16C7e42F292c6912E7710c838347Ae178B4a", "GitHub")]
    [InlineData("slack xoxb-2634-1231-AbCdEfGhIjKl", "Slack")]
    [InlineData("bot xoxp-123456789012-abcdefabcdef", "Slack")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE in us-east-1", "AWS")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JSON Web Token")]
    [InlineData("api_key=9f8e7d6c5b4a", "assignment")]
    [InlineData("token: abcdefgh", "assignment")]
    [InlineData("password = hunter2hunter2", "assignment")]
    [InlineData("client_secret=\"s3cr3t-value\"", "assignment")]
    [InlineData("secret:topsecretvalue", "assignment")]
    [InlineData("the token cpt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefg", "Paginate")]
    [InlineData("random Zx8Qw2Lm9Rt4Yp7Vb3Nc6Hd1Kf5Gj0Aa", "random")]
    [InlineData("hex 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "random")]
    [InlineData("https://user:pa55word@api.example.com/v1", "URL")]
    [InlineData("-----BEGIN RSA PRIVATE KEY----- MIIE", "private key")]
    public void CredentialLookingNotes_AreRefused_WithAReason(string note, string reasonPart)
    {
        var reason = CredentialDetector.Check(note);
        Assert.NotNull(reason);
        Assert.Contains(reasonPart, reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(note, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Used by the growth team for the weekly enrichment table.")]
    [InlineData("Ask ops for the key; it lives in the vault, never paste it here.")]
    [InlineData("Runner rn_k2m4q6s8u2w4y6a2c4e6g2i4k6 replaces the old one from March.")]
    [InlineData("Customer ids look like cus_NffrFeUfNV2Hib; pass email as a query value.")]
    [InlineData("Rate limit is 100 requests per second; token bucket refills every minute.")]
    [InlineData("See https://docs.example.com/api/v1/customers/search_by_email_address for fields.")]
    [InlineData("Columns: first_name, last_name, company_domain, linkedin_profile_url")]
    [InlineData("Order 3f2b8c1e-5a7d-4e2b-9c1f-8a6d2e4b7c90 was the test case.")]
    [InlineData("token: see vault")]
    public void NormalNotes_AreAccepted(string note) => Assert.Null(CredentialDetector.Check(note));
}
