using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// <see cref="IChallengeStore.ConsumeAsync(string, string, string?, CancellationToken)"/> on every implementation: a
/// challenge issued for a domain is consumed only when presented for that domain (a mismatch consumes nothing), one
/// issued without a domain fits any, and of concurrent consumers with the right domain exactly one wins.
/// </summary>
public abstract class ChallengeDomainContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly FixedClock _time = new(Start);

    private async Task<(ITradeproofStore Store, string Tenant)> OpenWithTenantAsync()
    {
        var store = await harness.OpenAsync(new StoreOptionsSeed(_time, new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())));
        var id = $"challenge-{Guid.NewGuid():N}";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(id, "Org " + id)));
        return (store, id);
    }

    [StoreFact]
    public async Task A_challenge_is_consumed_only_together_with_the_domain_it_was_issued_for()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        Assert.True(await store.Challenges.IssueAsync(tenant, "bound", Start.AddMinutes(5), "https://customs.example.gov"));
        Assert.True(await store.Challenges.IssueAsync(tenant, "free", Start.AddMinutes(5)));
        Assert.True(await store.Challenges.IssueAsync(tenant, "late", Start.AddMinutes(1), "https://customs.example.gov"));

        Assert.Equal(ChallengeOutcome.DomainMismatch, await store.Challenges.ConsumeAsync(tenant, "bound", "https://elsewhere.example"));
        Assert.Equal(ChallengeOutcome.DomainMismatch, await store.Challenges.ConsumeAsync(tenant, "bound", null));
        Assert.Equal(ChallengeOutcome.Consumed, await store.Challenges.ConsumeAsync(tenant, "bound", "https://customs.example.gov"));
        Assert.Equal(ChallengeOutcome.AlreadyConsumed, await store.Challenges.ConsumeAsync(tenant, "bound", "https://customs.example.gov"));
        Assert.Equal(ChallengeOutcome.Consumed, await store.Challenges.ConsumeAsync(tenant, "free", "https://anywhere.example"));
        Assert.Equal(ChallengeOutcome.Unknown, await store.Challenges.ConsumeAsync(tenant, "never", "https://customs.example.gov"));
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(ChallengeOutcome.Expired, await store.Challenges.ConsumeAsync(tenant, "late", "https://elsewhere.example"));
    }

    [StoreFact]
    public async Task Concurrent_consumers_with_the_right_domain_consume_it_once_and_wrong_domains_never()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.Challenges.IssueAsync(tenant, "hot", Start.AddMinutes(1), "https://customs.example.gov");
        using var go = new ManualResetEventSlim();
        var consumers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return (Right: i % 2 == 0, Outcome: await store.Challenges.ConsumeAsync(tenant, "hot", i % 2 == 0 ? "https://customs.example.gov" : "https://elsewhere.example"));
        })).ToArray();
        go.Set();
        var outcomes = await Task.WhenAll(consumers);
        Assert.Single(outcomes, o => o.Outcome == ChallengeOutcome.Consumed);
        Assert.All(outcomes.Where(o => o.Outcome == ChallengeOutcome.Consumed), o => Assert.True(o.Right));
        Assert.All(outcomes.Where(o => !o.Right), o => Assert.NotEqual(ChallengeOutcome.Consumed, o.Outcome));
    }
}

/// <summary>Challenge and domain on SQLite.</summary>
public sealed class SqliteChallengeDomainContractTests(SqliteHarness harness) : ChallengeDomainContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Challenge and domain on PostgreSQL (the private cluster).</summary>
[RequiresPostgres]
public sealed class PostgresChallengeDomainContractTests(PostgresHarness harness) : ChallengeDomainContractTests(harness), IClassFixture<PostgresHarness>;
