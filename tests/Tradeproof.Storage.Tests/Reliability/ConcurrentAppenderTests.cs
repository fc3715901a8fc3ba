using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Tradeproof.Transparency;

namespace Tradeproof.Storage.Tests.Reliability;

/// <summary>
/// 50 concurrent appenders on one twin (issue #10), version after version: for each of 20 versions, 50 appenders on two
/// store instances (as two node processes: separate pools, and on SQLite separate writer gates meeting at the file
/// lock) race at the same expected version. Exactly one wins each version, the 49 others get
/// <see cref="AppendOutcome.Conflict"/> with the winner's version, the stream is 1..20 with each winner's event, and
/// each version has exactly one transparency-log leaf. The contract tests race one version; this races every one.
/// </summary>
public abstract class ConcurrentAppenderTests(IStoreHarness harness)
{
    private const int Appenders = 50;
    private const int Versions = 20;
    private static int s_tenants;

    [StoreFact]
    public async Task Fifty_appenders_on_two_stores_race_every_version_and_exactly_one_wins_each()
    {
        var seed = new StoreOptionsSeed(new FixedClock(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero)), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        await using var first = await harness.OpenAsync(seed);
        await using var second = await harness.OpenAsync(seed);
        var tenant = $"race-{Environment.ProcessId}-{Interlocked.Increment(ref s_tenants)}";
        Assert.Equal(TenantCreateOutcome.Created, await first.Tenants.CreateAsync(new TenantRecord(tenant, "Race")));
        const string stream = "urn:twin:coil-42";

        var winners = new List<int>();
        for (var version = 0L; version < Versions; version++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var expected = version;
            var racers = Enumerable.Range(0, Appenders).Select(i => Task.Run(async () =>
            {
                await start.Task;
                var store = i % 2 == 0 ? first : second;
                return await store.TwinEvents.AppendAsync(tenant, stream, expected, [new TwinEventData($"v{expected + 1}-r{i}", "Moved", $"{{\"racer\":{i}}}", [stream])]);
            })).ToArray();
            start.SetResult();
            var results = await Task.WhenAll(racers);

            var won = results.Select((r, i) => (r, i)).Where(p => p.r.Succeeded).Select(p => p.i).ToList();
            Assert.True(won.Count == 1, $"version {version + 1}: {won.Count} appenders won");
            Assert.Equal(version + 1, results[won[0]].Version);
            Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(new AppendResult(AppendOutcome.Conflict, version + 1), r));
            winners.Add(won[0]);
        }

        var events = await second.TwinEvents.ReadStreamAsync(tenant, stream);
        Assert.Equal(Enumerable.Range(1, Versions).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(winners.Select((racer, v) => $"v{v + 1}-r{racer}"), events.Select(e => e.EventId));
        for (var version = 1L; version <= Versions; version++)
        {
            var leaves = await first.Log.FindLeavesAsync(LogEntryKind.TwinEvent, tenant, LogEntry.TwinEventRecordId(stream, version));
            Assert.True(leaves.Count == 1, $"version {version} has {leaves.Count} log leaves");
        }
    }

    /// <summary>
    /// Appends at the head (no expected version), as the intake makes them, from 16 units of work at once on two stores,
    /// each holding its transaction open a moment after appending: every one lands on its first attempt (PostgreSQL
    /// queues them on the stream's lock; without it most lose the insert race to an uncommitted winner), versions dense.
    /// </summary>
    [StoreFact]
    public async Task Appends_at_the_head_of_a_hot_stream_queue_and_none_loses_a_race()
    {
        var seed = new StoreOptionsSeed(new FixedClock(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero)), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        await using var first = await harness.OpenAsync(seed);
        await using var second = await harness.OpenAsync(seed);
        var tenant = $"hot-{Environment.ProcessId}-{Interlocked.Increment(ref s_tenants)}";
        Assert.Equal(TenantCreateOutcome.Created, await first.Tenants.CreateAsync(new TenantRecord(tenant, "Hot")));
        const string stream = "urn:twin:heat-7";
        const int writers = 16;

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var appenders = Enumerable.Range(0, writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var store = i % 2 == 0 ? first : second;
            await using var unit = await store.BeginAsync();
            var result = (await unit.TwinEvents.AppendManyAsync(tenant, [new StreamAppend(stream, [new TwinEventData($"e-{i}-1", "Moved", "{}", [stream]), new TwinEventData($"e-{i}-2", "Moved", "{}", [stream])])]))[0];
            await Task.Delay(20);
            await unit.CommitAsync();
            return result;
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(appenders);

        Assert.All(results, r => Assert.Equal(AppendOutcome.Appended, r.Outcome));
        Assert.Equal(Enumerable.Range(1, writers).Select(w => 2L * w), results.Select(r => r.Version).Order());
        Assert.Equal(Enumerable.Range(1, 2 * writers).Select(v => (long)v), (await first.TwinEvents.ReadStreamAsync(tenant, stream)).Select(e => e.Version));
    }
}

/// <summary>The race on SQLite (a database file of its own).</summary>
public sealed class SqliteConcurrentAppenderTests(SqliteHarness harness) : ConcurrentAppenderTests(harness), IClassFixture<SqliteHarness>;

/// <summary>The race on PostgreSQL (a database of its own on the private cluster).</summary>
[RequiresPostgres]
public sealed class PostgresConcurrentAppenderTests(PostgresHarness harness) : ConcurrentAppenderTests(harness), IClassFixture<PostgresHarness>;
