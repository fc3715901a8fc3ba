using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Tradeproof.Storage.Sqlite;
using Xunit.Abstractions;

namespace Tradeproof.Storage.Tests.Reliability;

/// <summary>
/// Bulk ingest (<see cref="StoreIngest.IngestAsync"/>) on a disk that fills up while batches are written: a batch that
/// fails part-way (a statement or the commit refused for lack of space, while the concurrent WAL checkpoint also runs
/// out of room) leaves nothing behind — none of its credentials, presentation, events or log leaves — every earlier
/// batch is intact, and once space returns the same store instance ingests again; reopened, the file passes
/// <c>PRAGMA integrity_check</c> and the log audit.
/// </summary>
public sealed class BulkIngestDiskFullTests(ITestOutputHelper output)
{
    private const string Tenant = "acme";
    private const string Stream = "urn:twin:coil-7";
    private const int PerBatch = 10;
    private const int LeavesPerBatch = PerBatch + 1 + 2; // the credentials, the presentation, two events
    private static readonly string Padding = new('y', 1500);

    [SmallFilesystemFact]
    public async Task A_batch_refused_by_a_full_disk_leaves_nothing_and_ingest_resumes()
    {
        using var disk = SmallFilesystem.Mount(16);
        var path = Path.Combine(disk.Folder, "store.db");
        var options = new SqliteStoreOptions
        {
            DatabasePath = path,
            Time = new FixedClock(new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.Zero)),
            Random = new CountingRandomSource(),
            OperatorKey = new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        };
        var acknowledged = new List<int>();
        var refused = new List<int>();
        var next = 0;
        await using (var store = await SqliteStore.OpenAsync(options))
        {
            Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Acme")));
            for (; next < 3; next++)
            {
                await IngestAsync(store, next, acknowledged.Count);
                acknowledged.Add(next);
            }

            output.WriteLine($"ballast {disk.Fill()} bytes, {disk.FreeBytes} bytes free");
            (var refusal, next) = await SmallFilesystem.WriteUntilRefusedAsync<StoreException>(
                n => IngestAsync(store, n, acknowledged.Count), next, acknowledged, refused, maxAttempts: 2_000);

            Assert.True(refusal is not null, "the store never reported the full disk");
            output.WriteLine($"refused after {acknowledged.Count} batches: {refusal.Message}");
            Assert.Equal(StoreErrorKind.Unavailable, refusal.Kind);
            await CheckAsync(store, acknowledged, refused);

            disk.Release();
            for (var i = 0; i < 3; i++, next++)
            {
                await IngestAsync(store, next, acknowledged.Count);
                acknowledged.Add(next);
            }

            await CheckAsync(store, acknowledged, refused);
        }

        await using (var reopened = await SqliteStore.OpenAsync(options))
        {
            await CheckAsync(reopened, acknowledged, refused);
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await command.ExecuteScalarAsync() as string);
        SqliteConnection.ClearAllPools();
    }

    private static string CredentialId(int batch, int k) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:00000000-0000-4000-8000-{batch:D8}{k:D4}");

    private static string PresentationId(int batch) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:11111111-0000-4000-8000-{batch:D12}");

    /// <summary>One batch: ten ~1.6 KB credentials, a presentation, two events appended to the twin.</summary>
    private static async Task IngestAsync(ITradeproofStore store, int n, int acknowledgedBefore)
    {
        var credentials = Enumerable.Range(0, PerBatch)
            .Select(k => new CredentialRecord(CredentialId(n, k), CredentialDirection.Received, "application/vc", Encoding.UTF8.GetBytes($"{{\"id\":\"{CredentialId(n, k)}\",\"padding\":\"{Padding}\"}}"), "did:example:mill"))
            .ToList();
        var payload = $"{{\"batch\":{n},\"padding\":\"{Padding}\"}}";
        var result = await store.IngestAsync(Tenant, new IngestBatch(
            [new PresentationRecord(PresentationId(n), Encoding.UTF8.GetBytes($"{{\"id\":\"{PresentationId(n)}\"}}"))],
            credentials,
            [new TwinAppend(Stream, 2L * acknowledgedBefore, [new($"{PresentationId(n)}#a", "Inspected", payload, [Stream]), new($"{PresentationId(n)}#b", "Moved", payload, [Stream])])]));
        Assert.All(result.Credentials, o => Assert.Equal(CredentialSaveOutcome.Stored, o));
        Assert.Equal([PresentationReceiveOutcome.Received], result.Presentations);
        Assert.True(result.Appends[0].Succeeded, $"batch {n}: the stream is at {result.Appends[0].Version}, not {2L * acknowledgedBefore}: a refused batch left events behind");
    }

    private static async Task CheckAsync(ITradeproofStore store, List<int> acknowledged, List<int> refused)
    {
        foreach (var n in acknowledged)
        {
            Assert.True(await store.Credentials.GetAsync(Tenant, CredentialId(n, PerBatch - 1)) is not null, $"acknowledged batch {n} lost its last credential");
        }

        foreach (var n in refused)
        {
            for (var k = 0; k < PerBatch; k++)
            {
                Assert.True(await store.Credentials.GetAsync(Tenant, CredentialId(n, k)) is null, $"refused batch {n} left credential {k}");
            }
        }

        Assert.Equal(acknowledged.Select(PresentationId), (await store.Presentations.ListAsync(Tenant, 0, 10_000)).Select(p => p.Presentation.Id));
        var events = await store.TwinEvents.ReadStreamAsync(Tenant, Stream);
        Assert.Equal(Enumerable.Range(1, 2 * acknowledged.Count).Select(v => (long)v), events.Select(e => e.Version));

        var head = await store.Log.GetTreeHeadAsync();
        Assert.Equal((long)LeavesPerBatch * acknowledged.Count, head.Size);
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
        Assert.Equal(head.Size, audit.Leaves);
    }
}
