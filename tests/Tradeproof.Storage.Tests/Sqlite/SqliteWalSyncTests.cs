using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Storage.Tests.Sqlite;

/// <summary>
/// The writer's WAL sync after the commit (<see cref="SqliteWalSync"/>): no commit returns before a sync that started
/// after it has completed, the writer is free for the next transaction meanwhile, syncs are shared by the commits
/// waiting for them, and a failed sync fails its writers and stops the store's writes.
/// </summary>
public sealed class SqliteWalSyncTests : IDisposable
{
    private const string Tenant = "t";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-walsync-").FullName;

    private ValueTask<ITradeproofStore> OpenAsync(SqliteWalSync? sync = null, bool syncInCommit = false) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = Path.Combine(_folder, "store.db"),
            Time = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Random = new CountingRandomSource(),
            OperatorKey = new OperatorKey(new byte[32]),
            WalSync = sync,
            SyncWalAfterCommit = !syncInCommit,
        });

    private static PresentationRecord Presentation(int i) => new($"urn:uuid:p-{i}", new byte[] { (byte)i });

    [Fact]
    public async Task ACommitReturnsOnlyAfterItsSyncWhileTheNextTransactionRunsMeanwhile()
    {
        var held = new HeldSync();
        await using var store = await OpenAsync(held.Sync);
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
        held.Hold();

        var unit = await store.BeginAsync();
        Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(Tenant, Presentation(1)));
        var first = unit.CommitAsync().AsTask();
        Assert.True(held.Started.Wait(Wait), "the commit's WAL sync never started");
        await Task.Delay(50);
        Assert.False(first.IsCompleted, "the commit returned before its WAL sync completed");

        // The writer is free: another unit of work begins and commits while the first one's sync is held...
        await using (var next = await store.BeginAsync().AsTask().WaitAsync(Wait))
        {
            Assert.Equal(PresentationReceiveOutcome.Received, await next.Presentations.ReceiveAsync(Tenant, Presentation(2)));
            var durable = await next.CommitBeforeDurableAsync().AsTask().WaitAsync(Wait);
            Assert.False(durable.IsCompleted, "the second commit was durable before any sync that started after it");

            // ... and both are answered once the syncs complete (the second needs a sync that started after it committed).
            held.Release();
            await first.WaitAsync(Wait);
            await durable.WaitAsync(Wait);
        }

        await unit.DisposeAsync();
        Assert.True(held.Sync.Syncs >= 2, $"{held.Sync.Syncs} syncs for two commits, the second after the first sync started");
        Assert.Equal(2, (await store.Presentations.ListAsync(Tenant)).Count);
    }

    [Fact]
    public async Task NoReadAnswersFromACommitWhoseSyncIsStillRunning()
    {
        var held = new HeldSync();
        await using var store = await OpenAsync(held.Sync);
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
        held.Hold();

        var write = store.Presentations.ReceiveAsync(Tenant, Presentation(1)).AsTask();
        Assert.True(held.Started.Wait(Wait));

        // The row is committed (visible to SQLite readers) but not durable: a read answers only after the sync, and a unit
        // of work that saw it and ends without committing (a 409, a replay) is not done before then either.
        var read = store.Presentations.GetAsync(Tenant, "urn:uuid:p-1").AsTask();
        var unit = await store.BeginAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(PresentationReceiveOutcome.Duplicate, await unit.Presentations.ReceiveAsync(Tenant, Presentation(1)));
        var refused = unit.DisposeAsync().AsTask();
        await Task.Delay(50);
        Assert.False(write.IsCompleted || read.IsCompleted || refused.IsCompleted, "answered before the WAL sync completed");

        held.Release();
        Assert.Equal(PresentationReceiveOutcome.Received, await write.WaitAsync(Wait));
        Assert.NotNull(await read.WaitAsync(Wait));
        await refused.WaitAsync(Wait);
    }

    [Fact]
    public async Task CommitsWaitingTogetherShareOneSync()
    {
        var held = new HeldSync();
        await using var store = await OpenAsync(held.Sync);
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
        held.Hold();

        // The first write's sync is held; twenty more writers commit meanwhile and wait for one sync after it.
        var writes = new List<Task> { store.Presentations.ReceiveAsync(Tenant, Presentation(0)).AsTask() };
        Assert.True(held.Started.Wait(Wait));
        var before = held.Sync.Syncs;
        for (var i = 1; i <= 20; i++)
        {
            writes.Add(store.Presentations.ReceiveAsync(Tenant, Presentation(i)).AsTask());
        }

        await Task.Delay(100);
        Assert.All(writes, w => Assert.False(w.IsCompleted));
        held.Release();
        await Task.WhenAll(writes).WaitAsync(Wait);
        Assert.True(held.Sync.Syncs - before <= 2, $"{held.Sync.Syncs - before} syncs for 21 commits waiting together");
    }

    [Fact]
    public async Task AFailedSyncFailsItsWritersAndStopsTheStoresWrites()
    {
        var failing = new SqliteWalSync(() => throw new IOException("EIO (test)"));
        await using var store = await OpenAsync(failing);
        var failure = await Assert.ThrowsAsync<StoreException>(async () => await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
        Assert.Equal(StoreErrorKind.Unavailable, failure.Kind);
        Assert.Contains("could not be synced", failure.Message, StringComparison.Ordinal);

        // Every later write is refused before it runs: what the failed sync left on disk is unknown.
        var refused = await Assert.ThrowsAsync<StoreException>(async () => await store.BeginAsync());
        Assert.Equal(StoreErrorKind.Unavailable, refused.Kind);
        Assert.IsType<IOException>(failing.Failure);
    }

    [Fact]
    public async Task TheRealSyncRunsOnTheWalFileAndTheInCommitOptionLeavesItToSqlite()
    {
        await using (var store = await OpenAsync())
        {
            Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
            Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(Tenant, Presentation(1)));
            var sync = SqliteStore.WalSyncOf(store);
            Assert.NotNull(sync);
            Assert.True(sync.Syncs >= 2, $"{sync.Syncs} syncs of the WAL for two commits");
            Assert.Null(sync.Failure);
        }

        await using (var store = await OpenAsync(syncInCommit: true))
        {
            Assert.Null(SqliteStore.WalSyncOf(store));
            Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(Tenant, Presentation(2)));
            Assert.Equal(2, (await store.Presentations.ListAsync(Tenant)).Count);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A sync that can be held (it blocks until released) and says when one started.</summary>
    private sealed class HeldSync
    {
        private readonly ManualResetEventSlim _open = new(true);

        public HeldSync() => Sync = new SqliteWalSync(() =>
        {
            Started.Set();
            _ = _open.Wait(Wait);
        });

        public SqliteWalSync Sync { get; }

        public ManualResetEventSlim Started { get; } = new(false);

        public void Hold()
        {
            Started.Reset();
            _open.Reset();
        }

        public void Release() => _open.Set();
    }
}
