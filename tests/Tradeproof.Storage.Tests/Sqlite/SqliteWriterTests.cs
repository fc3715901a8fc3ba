using Tradeproof.Storage.Sqlite;

namespace Tradeproof.Storage.Tests.Sqlite;

/// <summary>
/// The SQLite store's long-lived writer connection (its page cache kept from one write transaction to the next, its
/// statements compiled once) and the WAL checkpoint moved beside it: readers see every commit at once, the writer sees
/// what another process wrote meanwhile, and the WAL stays bounded with the writer's automatic checkpoint off.
/// </summary>
public sealed class SqliteWriterTests : IDisposable
{
    private const string Tenant = "t";
    private readonly string _folder = Directory.CreateTempSubdirectory("tradeproof-writer-").FullName;

    private string DatabasePath => Path.Combine(_folder, "store.db");

    private ValueTask<ITradeproofStore> OpenAsync(long? walHighFrames = null) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions
        {
            DatabasePath = DatabasePath,
            Time = new FixedClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            Random = new CountingRandomSource(),
            OperatorKey = new OperatorKey(new byte[32]),
            WalHighFrames = walHighFrames ?? SqliteCheckpointer.DefaultHighFrames,
        });

    [Fact]
    public async Task AnEmptyStringOnThePreparedStatementsIsStoredAsAnEmptyStringNotNull()
    {
        await using var store = await OpenAsync();
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));
        await using (var unit = await store.BeginAsync())
        {
            // The unit of work runs on the writer's prepared statements, bound by position.
            Assert.Equal(AppendOutcome.Appended, (await unit.TwinEvents.AppendAsync(Tenant, "lot-1", 0, [new TwinEventData("e-1", "described", "", ["lot-1"])])).Outcome);
            await unit.CommitAsync();
        }

        Assert.Equal("", Assert.Single(await store.TwinEvents.ReadStreamAsync(Tenant, "lot-1")).PayloadJson);
    }

    [Fact]
    public async Task ReadersSeeEachCommitAndTheWriterSeesAnotherProcesssWrites()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync(); // another writer connection on the file, as another process has
        Assert.Equal(TenantCreateOutcome.Created, await first.Tenants.CreateAsync(new TenantRecord(Tenant, "T")));

        for (var i = 0; i < 20; i++)
        {
            // Alternating writers: each one's cached pages are stale after the other's commit.
            var (writer, other) = i % 2 == 0 ? (first, second) : (second, first);
            var id = $"urn:uuid:p-{i}";
            await using (var unit = await writer.BeginAsync())
            {
                Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(Tenant, new PresentationRecord(id, new byte[] { (byte)i })));
                await unit.CommitAsync();
            }

            // The writer's own readers and the other store see the commit.
            Assert.Equal([(byte)i], (await writer.Presentations.GetAsync(Tenant, id))!.Content.ToArray());
            Assert.NotNull(await other.Presentations.GetAsync(Tenant, id));

            // The other writer's transaction reads the row the first one wrote: a duplicate, nothing written.
            Assert.Equal(PresentationReceiveOutcome.Duplicate, await other.Presentations.ReceiveAsync(Tenant, new PresentationRecord(id, new byte[] { 9 })));
            Assert.Equal(i + 1, (await other.Presentations.ListAsync(Tenant, limit: 100)).Count);
        }

        // Twin streams appended by both: versions stay dense, each writer reads the head the other left.
        for (var i = 0; i < 10; i++)
        {
            var writer = i % 2 == 0 ? first : second;
            var result = await writer.TwinEvents.AppendAsync(Tenant, "stream", i, [new TwinEventData($"e{i}", "t", "{}", ["s"])]);
            Assert.Equal(new AppendResult(AppendOutcome.Appended, i + 1), result);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), (await first.TwinEvents.ReadStreamAsync(Tenant, "stream")).Select(e => e.Version));
    }

    [Fact]
    public async Task TheWalStaysBoundedWithTheWritersAutomaticCheckpointOff()
    {
        const int Commits = 600;
        var content = new byte[40_000]; // about 10 pages per commit: some 6,000 WAL frames (24 MB) if nothing were checkpointed
        await using (var store = await OpenAsync(walHighFrames: 64))
        {
            _ = await store.Tenants.CreateAsync(new TenantRecord(Tenant, "T"));
            for (var i = 0; i < Commits; i++)
            {
                content[0] = (byte)i;
                content[1] = (byte)(i >> 8);
                Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(Tenant, new CredentialRecord($"urn:c:{i}", CredentialDirection.Received, "application/vc", content)));
            }

            var wal = new FileInfo(DatabasePath + "-wal");
            Assert.True(wal.Exists);
            Assert.InRange(wal.Length, 1, 8 * 1024 * 1024);
            Assert.Equal(Commits, (await store.Credentials.ListAsync(Tenant, CredentialDirection.Received, limit: 1000)).Count);
        }

        // Everything committed is in the file after the store closed (the last connection checkpoints the rest).
        await using var reopened = await OpenAsync();
        Assert.Equal(Commits, (await reopened.Credentials.ListAsync(Tenant, CredentialDirection.Received, limit: 1000)).Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
