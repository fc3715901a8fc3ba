using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Tradeproof.Storage.Sqlite;
using Tradeproof.Storage.Tests.Support;
using Xunit.Abstractions;

namespace Tradeproof.Storage.Tests.Reliability;

/// <summary>
/// Disk full during appends (issue #10): the SQLite store on a tmpfs of 16 MiB, filled to the last byte by a ballast
/// file while units of work (a credential and two twin events, each with its transparency-log leaf) are being written.
/// The store refuses with <see cref="StoreException"/> of kind <see cref="StoreErrorKind.Unavailable"/>, every refused
/// unit leaves nothing behind (versions dense, leaves = writes, indexes contiguous, the audit clean), reads keep working,
/// and once the ballast is deleted the same store instance writes again; reopened, the file passes
/// <c>PRAGMA integrity_check</c>.
/// </summary>
public sealed class SqliteDiskFullTests(ITestOutputHelper output)
{
    private const string Tenant = "acme";
    private const string Stream = "urn:twin:coil-42";
    private static readonly byte[] Padding = Encoding.UTF8.GetBytes(new string('x', 1500));

    [SmallFilesystemFact]
    public async Task A_full_disk_refuses_writes_whole_and_the_store_resumes_when_space_returns()
    {
        using var disk = SmallFilesystem.Mount(16);
        var path = Path.Combine(disk.Folder, "store.db");
        var seed = new StoreOptionsSeed(new FixedClock(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero)), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        var acknowledged = new List<int>();
        var refused = new List<int>();
        var next = 0;
        await using (var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, Time = seed.Time, Random = seed.Random, OperatorKey = seed.OperatorKey }))
        {
            Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Acme")));
            for (; next < 5; next++)
            {
                await WriteAsync(store, next, acknowledged.Count);
                acknowledged.Add(next);
            }

            var ballast = disk.Fill();
            output.WriteLine($"ballast {ballast} bytes, {disk.FreeBytes} bytes free");

            // Write until the disk is full: SQLite reuses the WAL's space for a while, so not necessarily at once.
            (var refusal, next) = await SmallFilesystem.WriteUntilRefusedAsync<StoreException>(
                n => WriteAsync(store, n, acknowledged.Count), next, acknowledged, refused, maxAttempts: 20_000);

            Assert.True(refusal is not null, "the store never reported the full disk");
            output.WriteLine($"refused after {acknowledged.Count} units: {refusal.Message}");
            Assert.Equal(StoreErrorKind.Unavailable, refusal.Kind);
            Assert.Contains("full", refusal.Message, StringComparison.OrdinalIgnoreCase);

            // Still full: every further unit is refused the same way, whole.
            for (var i = 0; i < 5; i++, next++)
            {
                var again = await Assert.ThrowsAsync<StoreException>(async () => await WriteAsync(store, next, acknowledged.Count));
                Assert.Equal(StoreErrorKind.Unavailable, again.Kind);
                refused.Add(next);
            }

            // Reads work on a full disk, and nothing of a refused unit is there.
            await CheckAsync(store, path, acknowledged, refused);

            // Space returns: the same store instance writes again.
            disk.Release();
            for (var i = 0; i < 10; i++, next++)
            {
                await WriteAsync(store, next, acknowledged.Count);
                acknowledged.Add(next);
            }

            await CheckAsync(store, path, acknowledged, refused);
        }

        await using (var reopened = await SqliteStore.OpenAsync(new SqliteStoreOptions { DatabasePath = path, Time = seed.Time, Random = seed.Random, OperatorKey = seed.OperatorKey }))
        {
            await CheckAsync(reopened, path, acknowledged, refused);
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", await command.ExecuteScalarAsync() as string);
        SqliteConnection.ClearAllPools();
    }

    // One unit of work: a credential (its leaf) and two events on the twin (their leaves), about 6 KB on disk.
    private static async Task WriteAsync(ITradeproofStore store, int n, int acknowledgedBefore)
    {
        await using var unit = await store.BeginAsync();
        var content = Encoding.UTF8.GetBytes($"{{\"id\":\"{CredentialId(n)}\",\"padding\":\"") .Concat(Padding).Concat("\"}"u8.ToArray()).ToArray();
        Assert.Equal(CredentialSaveOutcome.Stored, await unit.Credentials.SaveAsync(Tenant, new CredentialRecord(CredentialId(n), CredentialDirection.Received, "application/vc", content, "did:example:mill")));
        var payload = $"{{\"n\":{n},\"padding\":\"{Encoding.UTF8.GetString(Padding)}\"}}";
        var result = await unit.TwinEvents.AppendAsync(Tenant, Stream, 2L * acknowledgedBefore, [new($"{CredentialId(n)}#a", "Inspected", payload, [Stream]), new($"{CredentialId(n)}#b", "Moved", payload, [Stream])]);
        Assert.True(result.Succeeded, $"unit {n}: the stream is at {result.Version}, not {2L * acknowledgedBefore}: a refused unit left events behind");
        await unit.CommitAsync();
    }

    private static string CredentialId(int n) => "urn:uuid:00000000-0000-4000-8000-" + n.ToString("D12", CultureInfo.InvariantCulture);

    private static async Task CheckAsync(ITradeproofStore store, string path, List<int> acknowledged, List<int> refused)
    {
        foreach (var n in acknowledged)
        {
            Assert.True(await store.Credentials.GetAsync(Tenant, CredentialId(n)) is not null, $"acknowledged credential {n} is missing");
        }

        foreach (var n in refused)
        {
            Assert.True(await store.Credentials.GetAsync(Tenant, CredentialId(n)) is null, $"refused credential {n} is there");
        }

        var events = await store.TwinEvents.ReadStreamAsync(Tenant, Stream);
        Assert.Equal(Enumerable.Range(1, 2 * acknowledged.Count).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(acknowledged.SelectMany(n => new[] { $"{CredentialId(n)}#a", $"{CredentialId(n)}#b" }), events.Select(e => e.EventId));

        // The transparency log: one leaf per write, indexes 0..n-1, the state row's size, and a clean audit.
        var head = await store.Log.GetTreeHeadAsync();
        Assert.Equal(3L * acknowledged.Count, head.Size);
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*), COALESCE(MIN(idx), 0), COALESCE(MAX(idx), -1) FROM log_leaves";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((head.Size, 0L, head.Size - 1), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
        Assert.Equal(head.Size, audit.Leaves);
    }
}
