using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paginate.Engine.Contracts;
using Paginate.Engine.Paging;
using Paginate.Engine.Runners;
using Paginate.TestKit.Upstream;
using static Paginate.Engine.Tests.Paging.LoopHarness;

namespace Paginate.Engine.Tests.Paging;

/// <summary>The stop rules every style shares: limits, empty pages, cycles, origins.</summary>
public sealed class PageLoopStopTests
{
    private static int Page(HttpContext ctx) => int.Parse(Query(ctx, "page"), CultureInfo.InvariantCulture);

    /// <summary>An API that never ends: every page is full.</summary>
    private static Task<LoopbackUpstream> EndlessAsync() =>
        LoopbackUpstream.StartAsync(r => r.Route("/endless", ctx => Respond(ctx, Items(((Page(ctx) - 1) * 3) + 1, 3))));

    private static RunnerDefinition PageNumber(LoopbackUpstream upstream, LimitsSpec limits) => new()
    {
        Request = new() { Url = upstream.Url("/endless").ToString() },
        Pagination = new() { Style = PaginationStyles.PageNumber },
        Limits = limits,
    };

    [Fact]
    public async Task MaxPages_EndlessApi_StopsAtCap()
    {
        await using var upstream = await EndlessAsync();
        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxPages = 3 }));

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(3, upstream.RequestCount);
        Assert.Equal(9, outcome.Items.Count);
        Assert.False(outcome.Result.Partial);
    }

    [Fact]
    public async Task MaxPages_RunRequestLowersTheCap()
    {
        await using var upstream = await EndlessAsync();
        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxPages = 50 }), new RunRequest { MaxPages = 2 });

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task MaxItems_TruncatesTheLastPageExactly()
    {
        await using var upstream = await EndlessAsync();
        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxItems = 5 }));

        Assert.Equal(StopReasons.MaxItems, outcome.Result.StopReason);
        Assert.Equal(["i1", "i2", "i3", "i4", "i5"], outcome.Ids());
        Assert.Equal(5, outcome.Result.Items);
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task MaxItems_ReachedAtPageEnd_StopsWithoutAnotherRequest()
    {
        await using var upstream = await EndlessAsync();
        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxItems = 6 }));

        Assert.Equal(StopReasons.MaxItems, outcome.Result.StopReason);
        Assert.Equal(6, outcome.Items.Count);
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task Cursor_EmptyPageWithCursor_StopsWithEmptyPage_UnlessDisabled()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/feed", ctx => Query(ctx, "cursor") switch
        {
            "" => Respond(ctx, "{\"items\":" + Items(1, 2) + ",\"next\":\"c1\"}"),
            "c1" => Respond(ctx, "{\"items\":[],\"next\":\"c2\"}"),
            _ => Respond(ctx, "{\"items\":" + Items(3, 1) + ",\"next\":null}"),
        }));
        var definition = new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/feed").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "next", CursorParam = ParamPlacement.Query("cursor") },
            Response = new() { ItemsPath = "items" },
            Limits = FastLimits,
        };

        var stopping = await RunAsync(definition);
        Assert.Equal(StopReasons.EmptyPage, stopping.Result.StopReason);
        Assert.Equal(2, stopping.Items.Count);

        var going = await RunAsync(definition with { Limits = FastLimits with { StopOnEmptyPage = false } });
        Assert.Equal(StopReasons.NoNextPage, going.Result.StopReason);
        Assert.Equal(3, going.Items.Count);
    }

    [Fact]
    public async Task NextLink_CycleAToBToA_StopsWithRepeatedNext()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r =>
        {
            r.Route("/a", ctx => Respond(ctx, "{\"data\":" + Items(1, 1) + ",\"links\":{\"next\":\"/b\"}}"));
            r.Route("/b", ctx => Respond(ctx, "{\"data\":" + Items(2, 1) + ",\"links\":{\"next\":\"/a\"}}"));
        });
        var definition = new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/a").ToString() },
            Pagination = new() { Style = PaginationStyles.NextLink },
            Response = new() { ItemsPath = "data" },
            Limits = FastLimits,
        };

        var outcome = await RunAsync(definition);
        Assert.Equal(StopReasons.RepeatedNext, outcome.Result.StopReason);
        Assert.Equal(["/a", "/b"], upstream.Requests.Select(q => q.Path));

        // With both cycle rules off (the bodies repeat too), only max_pages ends the loop.
        var unchecked_ = await RunAsync(definition with { Limits = FastLimits with { StopOnRepeatedNext = false, StopOnRepeatedPage = false, MaxPages = 4 } });
        Assert.Equal(StopReasons.MaxPages, unchecked_.Result.StopReason);
        Assert.Equal(6, upstream.RequestCount);
    }

    [Fact]
    public async Task Cursor_SameTokenTwice_StopsWithRepeatedNext()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/list", ctx => Respond(ctx, "{\"data\":" + Items(1, 1) + ",\"cursor\":\"same\"}")));
        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/list").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "cursor", CursorParam = ParamPlacement.Query("c") },
            Response = new() { ItemsPath = "data" },

            // Page 2's body repeats page 1 byte for byte, which stop_on_repeated_page (v2, default on) would catch first.
            Limits = FastLimits with { StopOnRepeatedPage = false },
        });

        Assert.Equal(StopReasons.RepeatedNext, outcome.Result.StopReason);
        Assert.Equal(2, upstream.RequestCount);
    }

    [Fact]
    public async Task NextLink_OtherOrigin_IsNeverRequested()
    {
        await using var other = await LoopbackUpstream.StartAsync(r => r.Route("/steal", ctx => Respond(ctx, "{\"data\":[]}")));
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/start", ctx =>
            Respond(ctx, "{\"data\":" + Items(1, 2) + ",\"next\":\"" + other.Url("/steal") + "\"}")));

        var outcome = await RunAsync(
            new RunnerDefinition
            {
                Request = new() { Url = upstream.Url("/start").ToString(), ForwardHeaders = ["Authorization"] },
                Pagination = new() { Style = PaginationStyles.NextLink, NextLinkPath = "next" },
                Response = new() { ItemsPath = "data" },
                Limits = FastLimits,
            },
            new RunRequest { ForwardedHeaders = [new("Authorization", "Bearer secret")] });

        Assert.Equal(StopReasons.CrossOriginNext, outcome.Result.StopReason);
        Assert.Equal(2, outcome.Items.Count);
        Assert.Equal(0, other.RequestCount);
    }

    [Theory]
    [InlineData("scheme")]
    [InlineData("host")]
    [InlineData("port")]
    public async Task LinkHeader_OtherSchemeOrHost_IsNeverRequested(string differs)
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/p", ctx =>
        {
            // One part of scheme + host + port differs: another origin, even where it reaches the same socket.
            var port = ctx.Request.Host.Port!.Value;
            var next = differs switch
            {
                "scheme" => $"https://127.0.0.1:{port}/p?page=2",
                "host" => $"http://localhost:{port}/p?page=2",
                _ => $"http://127.0.0.1:{port + 1}/p?page=2",
            };
            ctx.Response.Headers.Append("Link", "<" + next + ">; rel=\"next\"");
            return Respond(ctx, Items(1, 1));
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/p").ToString() },
            Pagination = new() { Style = PaginationStyles.LinkHeader },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.CrossOriginNext, outcome.Result.StopReason);
        Assert.Equal(1, upstream.RequestCount);
    }

    [Fact]
    public async Task PageDelay_IsWaitedBetweenPages()
    {
        await using var upstream = await EndlessAsync();
        var time = new Paginate.Engine.Tests.Upstream.RecordingTimeProvider();

        var outcome = await RunAsync(PageNumber(upstream, FastLimits with { MaxPages = 3, PageDelayMs = 150 }), options: new PageLoopOptions { Time = time });

        Assert.Equal(StopReasons.MaxPages, outcome.Result.StopReason);
        Assert.Equal(2, time.DueTimes.Count(d => d == TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Cursor_InHeader_IsSentAsHeader()
    {
        await using var upstream = await LoopbackUpstream.StartAsync(r => r.Route("/h", ctx => ctx.Request.Headers["X-Page-Token"].ToString() switch
        {
            "" => Respond(ctx, "{\"items\":" + Items(1, 1) + ",\"token\":\"t2\"}"),
            _ => Respond(ctx, "{\"items\":" + Items(2, 1) + "}"),
        }));

        var outcome = await RunAsync(new RunnerDefinition
        {
            Request = new() { Url = upstream.Url("/h").ToString() },
            Pagination = new() { Style = PaginationStyles.Cursor, CursorPath = "token", CursorParam = new ParamPlacement { In = ParamLocations.Header, Name = "X-Page-Token" } },
            Response = new() { ItemsPath = "items" },
            Limits = FastLimits,
        });

        Assert.Equal(StopReasons.NoNextPage, outcome.Result.StopReason);
        Assert.Equal([null, "t2"], upstream.Requests.Select(q => q.Header("X-Page-Token")));
        Assert.Equal("", upstream.Requests[1].QueryString);
    }
}
