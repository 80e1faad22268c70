using Microsoft.Extensions.Time.Testing;
using Paginate.Engine.Budgets;
using Paginate.Engine.Runners;

namespace Paginate.Engine.Tests.Budgets;

public sealed class LocalUpstreamBudgetTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private static readonly KeyValuePair<string, string>[] NoHeaders = [];

    private static BudgetScope Scope(LocalUpstreamBudget budget, double rps, int? burst = null) =>
        budget.Scope("rn_a", new RateLimitSpec { RequestsPerSecond = rps, Burst = burst }, NoHeaders);

    private static async Task<TimeSpan> TakeAsync(LocalUpstreamBudget budget, BudgetScope scope, TimeSpan? maxWait = null)
    {
        var ticket = await budget.TakeAsync(scope, maxWait ?? Long, CancellationToken.None);
        Assert.True(ticket.Granted);
        return ticket.Wait;
    }

    [Fact]
    public async Task Burst_GoesAtOnce_ThenOneTokenPerInterval()
    {
        var clock = new FakeTimeProvider();
        var budget = new LocalUpstreamBudget(clock);
        var scope = Scope(budget, rps: 10, burst: 3);

        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            waits.Add(await TakeAsync(budget, scope));
        }

        Assert.Equal([0, 0, 0, 100, 200, 300], waits.Select(w => (int)w.TotalMilliseconds));
    }

    [Fact]
    public async Task QuietSpell_RefillsUpToTheBurstOnly()
    {
        var clock = new FakeTimeProvider();
        var budget = new LocalUpstreamBudget(clock);
        var scope = Scope(budget, rps: 2, burst: 2);
        await TakeAsync(budget, scope);
        await TakeAsync(budget, scope);
        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.Zero, await TakeAsync(budget, scope));
        Assert.Equal(TimeSpan.Zero, await TakeAsync(budget, scope));
        Assert.Equal(TimeSpan.FromMilliseconds(500), await TakeAsync(budget, scope));
    }

    [Fact]
    public async Task WaitBeyondMaxWait_IsRefused_AndReservesNothing()
    {
        var clock = new FakeTimeProvider();
        var budget = new LocalUpstreamBudget(clock);
        var scope = Scope(budget, rps: 1, burst: 1);
        await TakeAsync(budget, scope);

        var refused = await budget.TakeAsync(scope, TimeSpan.FromMilliseconds(999), CancellationToken.None);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Wait);

        // The refusal took nothing: the next caller still gets the token one second out, not two.
        Assert.Equal(TimeSpan.FromSeconds(1), await TakeAsync(budget, scope));
    }

    [Fact]
    public async Task Hold_DelaysEveryToken_EvenWithoutABudget()
    {
        var clock = new FakeTimeProvider();
        var budget = new LocalUpstreamBudget(clock);
        var noBudget = budget.Scope("rn_a", null, NoHeaders);
        Assert.Equal(TimeSpan.Zero, await TakeAsync(budget, noBudget));

        await budget.HoldAsync(noBudget, TimeSpan.FromSeconds(3), CancellationToken.None);
        await budget.HoldAsync(noBudget, TimeSpan.FromSeconds(1), CancellationToken.None); // shorter: the longer hold stays
        Assert.Equal(TimeSpan.FromSeconds(3), await TakeAsync(budget, noBudget));
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.Zero, await TakeAsync(budget, noBudget));
    }

    [Fact]
    public async Task Hold_IsCappedAtFifteenMinutes()
    {
        var budget = new LocalUpstreamBudget(new FakeTimeProvider());
        var scope = budget.Scope("rn_a", null, NoHeaders);
        await budget.HoldAsync(scope, TimeSpan.FromDays(2), CancellationToken.None);

        Assert.Equal(BudgetScopes.MaxHold, (await budget.TakeAsync(scope, TimeSpan.FromDays(3), CancellationToken.None)).Wait);
    }

    [Fact]
    public void CredentialScope_KeysByAKeyedHashOfTheHeaderValues_NeverTheValue()
    {
        var budget = new LocalUpstreamBudget(new FakeTimeProvider(), hashKey: new byte[32]);
        var rate = new RateLimitSpec { RequestsPerSecond = 5, Scope = RateLimitScopes.Credential };
        var alice = budget.Scope("rn_a", rate, [new("Authorization", "Bearer canary-alice")]);
        var aliceAgain = budget.Scope("rn_a", rate, [new("authorization", "Bearer canary-alice")]);
        var bob = budget.Scope("rn_a", rate, [new("Authorization", "Bearer canary-bob")]);
        var otherKey = new LocalUpstreamBudget(new FakeTimeProvider(), hashKey: [.. Enumerable.Repeat((byte)1, 32)])
            .Scope("rn_a", rate, [new("Authorization", "Bearer canary-alice")]);

        Assert.Equal(alice.Key, aliceAgain.Key);
        Assert.NotEqual(alice.Key, bob.Key);
        Assert.NotEqual(alice.Key, otherKey.Key);
        Assert.StartsWith("rn_a:c:", alice.Key, StringComparison.Ordinal);
        Assert.Equal("rn_a:c:".Length + 32, alice.Key.Length);
        Assert.DoesNotContain("canary", alice.Key, StringComparison.Ordinal);
        Assert.Equal("rn_a", budget.Scope("rn_a", rate with { Scope = RateLimitScopes.Runner }, [new("Authorization", "Bearer canary-alice")]).Key);
    }
}
