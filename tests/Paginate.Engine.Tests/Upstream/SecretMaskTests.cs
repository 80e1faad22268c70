using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Upstream;

/// <summary>
/// An upstream error body that echoes a secret never shows it in the error detail: not at the 2 KiB cut,
/// not percent-encoded in either case, not form-encoded, not as the decoded pair of a Basic header.
/// </summary>
public sealed class SecretMaskTests
{
    private static async Task<string> DetailWhenUpstreamSaysAsync(string errorBody, RunRequest request)
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/x", ctx =>
        {
            ctx.Response.StatusCode = 400;
            ctx.Response.ContentType = "text/plain";
            return ctx.Response.WriteAsync(errorBody, Encoding.UTF8);
        }));

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new() { Url = upstream.Url("/x").ToString(), ForwardHeaders = ["Authorization"] },
                Response = new() { ItemsPath = "data" },
                Limits = FastLimits,
            },
            request);

        Assert.Equal(ErrorCodes.UpstreamStatus, outcome.Result.ErrorCode);
        return outcome.Result.ErrorDetail!;
    }

    private static RunRequest Value(string value) => new() { Values = new Dictionary<string, string> { ["key"] = value } };

    [Fact]
    public async Task SecretAcrossThe2KiBCut_IsMaskedBeforeCutting_NoPrefixLeft()
    {
        const string secret = "CANARYstraddle0123456789abcdef";
        var filler = new string('.', 2048 - 10);

        var detail = await DetailWhenUpstreamSaysAsync(filler + secret + " and more text after it", Value(secret));

        // Cutting first kept the secret's first 10 characters ("CANARYstra").
        Assert.DoesNotContain("CANARY", detail, StringComparison.Ordinal);
        Assert.Equal("The upstream answered 400: " + filler + SecretMaskMarker + " and mo", detail);
    }

    [Fact]
    public async Task PrefixOfASecretThatStartsAfterTheEchoedPart_IsMaskedAtTheCut()
    {
        // Earlier secrets shrink when masked, so text from the end of what was read moves into the excerpt:
        // 20 secrets of 44 characters, then one that starts 22 characters before the read stops (2048 + 44).
        const string secret = "CANARYshift-0123456789-0123456789-0123456789";
        var body = string.Concat(Enumerable.Repeat(secret, 20)) + new string('.', 2070 - (20 * 44)) + secret + " tail";

        var detail = await DetailWhenUpstreamSaysAsync(body, Value(secret));

        Assert.DoesNotContain("CANARY", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CANARY/pass word&x=1", "CANARY%2Fpass%20word%26x%3D1")]
    [InlineData("CANARY/pass word&x=1", "CANARY%2fpass%20word%26x%3d1")]
    [InlineData("CANARY/pass word&x=1", "CANARY%2Fpass+word%26x%3D1")]
    [InlineData("CANARY/pass word&x=1", "CANARY%2fpass+word%26x%3d1")]
    public async Task PercentAndFormEncodedSecret_IsMasked(string secret, string echoed)
    {
        var detail = await DetailWhenUpstreamSaysAsync($"bad key {echoed} (rejected)", Value(secret));

        Assert.Equal($"The upstream answered 400: bad key {SecretMaskMarker} (rejected)", detail);
    }

    [Fact]
    public async Task BasicCredentials_DecodedPairAndPassword_AreMasked()
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("svc-user:CANARY-basic-pw"));
        var request = new RunRequest { ForwardedHeaders = [new("Authorization", "Basic " + basic)] };

        var detail = await DetailWhenUpstreamSaysAsync(
            JsonSerializer.Serialize(new { error = "login svc-user:CANARY-basic-pw failed", hint = "password CANARY-basic-pw expired", raw = basic }),
            request);

        Assert.DoesNotContain("CANARY", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(basic, detail, StringComparison.Ordinal);
        Assert.Contains("login *** failed", detail, StringComparison.Ordinal);
    }

    private const string SecretMaskMarker = "***";
}
