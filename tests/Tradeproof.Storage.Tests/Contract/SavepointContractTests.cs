using System.Security.Cryptography;
using System.Text;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Savepoints in a unit of work (what group commit isolates each submission with) and the credential hash look-up the
/// intake decides known credentials by, on every implementation.
/// </summary>
public abstract class SavepointContractTests(IStoreHarness harness)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static int s_tenants;

    private StoreOptionsSeed Seed => new(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private async Task<(ITradeproofStore Store, string Tenant)> OpenWithTenantAsync()
    {
        var store = await harness.OpenAsync(Seed);
        var id = $"sp-{Environment.ProcessId}-{Interlocked.Increment(ref s_tenants)}";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(id, "Org " + id)));
        return (store, id);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static PresentationRecord Presentation(string id) => new(id, Utf8($"{{\"id\":\"{id}\"}}"));

    [StoreFact]
    public async Task Rolling_back_to_a_savepoint_undoes_only_the_later_writes_and_their_log_leaves()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var sizeBefore = (await store.Log.GetTreeHeadAsync()).Size;
        await using (var unit = await store.BeginAsync())
        {
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:a")));

            await unit.SavepointAsync("member");
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:b")));
            Assert.Equal(CredentialSaveOutcome.Stored, await unit.Credentials.SaveAsync(tenant, new CredentialRecord("urn:c:b", CredentialDirection.Received, "application/vc", Utf8("{\"b\":1}"))));
            var append = await unit.TwinEvents.AppendAsync(tenant, "urn:twin:b", 0, [new TwinEventData("urn:e:b", "ShipmentDeparted", "{\"id\":\"urn:e:b\"}", ["urn:twin:b"])]);
            Assert.True(append.Succeeded);
            await unit.RollbackToSavepointAsync("member");
            await unit.ReleaseSavepointAsync("member");

            // The same name again after the release, as group commit does for every member.
            await unit.SavepointAsync("member");
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:c")));

            // The rolled-back id is free again inside the same transaction.
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:b")));
            await unit.ReleaseSavepointAsync("member");
            await unit.CommitAsync();
        }

        Assert.NotNull(await store.Presentations.GetAsync(tenant, "urn:vp:a"));
        Assert.NotNull(await store.Presentations.GetAsync(tenant, "urn:vp:b"));
        Assert.NotNull(await store.Presentations.GetAsync(tenant, "urn:vp:c"));
        Assert.Null(await store.Credentials.GetAsync(tenant, "urn:c:b"));
        Assert.Equal(0, await store.TwinEvents.GetVersionAsync(tenant, "urn:twin:b"));

        // Three leaves, one per presentation kept, contiguous after the log's earlier leaves, and the tree recomputes.
        Assert.Equal(sizeBefore + 3, (await store.Log.GetTreeHeadAsync()).Size);
        var indexes = new List<long>();
        foreach (var id in new[] { "urn:vp:a", "urn:vp:c", "urn:vp:b" })
        {
            indexes.AddRange(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, tenant, id));
        }

        Assert.Equal([sizeBefore, sizeBefore + 1, sizeBefore + 2], indexes);
        Assert.Empty(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Credential, tenant, "urn:c:b"));
        var audit = await TransparencyLogAudit.RunAsync(store.Log, null);
        Assert.True(audit.Ok, string.Join("; ", audit.Problems));
    }

    [StoreFact]
    public async Task A_refused_statement_inside_a_savepoint_is_rolled_back_and_the_unit_goes_on()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await using (var unit = await store.BeginAsync())
        {
            await unit.SavepointAsync("member");
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:lost")));

            // A write the database refuses (no such tenant): PostgreSQL marks the whole transaction failed until the
            // rollback to the savepoint; SQLite refuses the statement only.
            var refused = await Assert.ThrowsAsync<StoreException>(async () =>
                await unit.Credentials.SaveAsync("no-such-tenant", new CredentialRecord("urn:c:x", CredentialDirection.Received, "application/vc", Utf8("{}"))));
            Assert.Equal(StoreErrorKind.UnknownTenant, refused.Kind);
            await unit.RollbackToSavepointAsync("member");
            await unit.ReleaseSavepointAsync("member");

            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, Presentation("urn:vp:kept")));
            await unit.CommitAsync();
        }

        Assert.Null(await store.Presentations.GetAsync(tenant, "urn:vp:lost"));
        Assert.NotNull(await store.Presentations.GetAsync(tenant, "urn:vp:kept"));
        Assert.Empty(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, tenant, "urn:vp:lost"));
        Assert.Single(await store.Log.FindLeavesAsync(Transparency.LogEntryKind.Presentation, tenant, "urn:vp:kept"));
    }

    [StoreFact]
    public async Task Savepoint_names_are_plain_identifiers_and_must_be_marked_before_a_rollback()
    {
        var (store, _) = await OpenWithTenantAsync();
        await using var __ = store;
        await using var unit = await store.BeginAsync();
        await Assert.ThrowsAsync<ArgumentException>(async () => await unit.SavepointAsync("a; DROP TABLE credentials"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await unit.SavepointAsync("1st"));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await unit.RollbackToSavepointAsync("never_marked"));
    }

    [StoreFact]
    public async Task Content_hashes_are_returned_for_the_tenants_own_credentials_only()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var other = tenant + "-other";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(other, "Other")));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, new CredentialRecord("urn:c:1", CredentialDirection.Issued, "application/vc", Utf8("{\"one\":1}"))));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(other, new CredentialRecord("urn:c:2", CredentialDirection.Received, "application/vc", Utf8("{\"two\":2}"))));

        // More ids than one statement takes, with a repeat.
        var ids = Enumerable.Range(0, 250).Select(i => $"urn:c:missing:{i}").Append("urn:c:1").Append("urn:c:2").Append("urn:c:1").ToList();
        var hashes = await store.Credentials.GetContentHashesAsync(tenant, ids);
        Assert.Equal(["urn:c:1"], hashes.Keys);
        Assert.Equal(SHA256.HashData(Utf8("{\"one\":1}")), hashes["urn:c:1"]);
        Assert.Empty(await store.Credentials.GetContentHashesAsync(tenant, []));
    }

    [StoreFact]
    public async Task In_a_unit_of_work_a_save_decides_held_credentials_by_their_stored_hash_and_hashes_are_read_from_the_writer()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var other = tenant + "-other";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(other, "Other")));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, new CredentialRecord("urn:h:same", CredentialDirection.Received, "application/vc", Utf8("{\"s\":1}"))));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, new CredentialRecord("urn:h:clash", CredentialDirection.Received, "application/vc", Utf8("{\"c\":1}"))));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(other, new CredentialRecord("urn:h:elsewhere", CredentialDirection.Received, "application/vc", Utf8("{\"e\":1}"))));
        var logged = (await store.Log.GetTreeHeadAsync()).Size;

        // What the intake does inside group commit: held and new credentials in one save, in the unit's transaction.
        await using (var unit = await store.BeginAsync())
        {
            var hashes = await unit.Credentials.GetContentHashesAsync(tenant, ["urn:h:same", "urn:h:elsewhere", "urn:h:clash"]);
            Assert.Equal(["urn:h:clash", "urn:h:same"], hashes.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(SHA256.HashData(Utf8("{\"s\":1}")), hashes["urn:h:same"]);
            var outcomes = await unit.Credentials.SaveManyAsync(tenant,
            [
                new CredentialRecord("urn:h:clash", CredentialDirection.Received, "application/vc", Utf8("{\"c\":2}")),
                new CredentialRecord("urn:h:elsewhere", CredentialDirection.Received, "application/vc", Utf8("{\"e\":1}")),
                new CredentialRecord("urn:h:same", CredentialDirection.Received, "application/vc", Utf8("{\"s\":1}")),
                new CredentialRecord("urn:h:same", CredentialDirection.Received, "application/vc", Utf8("{\"s\":2}")),
            ]);
            Assert.Equal([CredentialSaveOutcome.Conflict, CredentialSaveOutcome.Stored, CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Conflict], outcomes);
            await unit.CommitAsync();
        }

        // Only the credential stored for this tenant got a leaf; the held ones kept their bytes.
        Assert.Equal(logged + 1, (await store.Log.GetTreeHeadAsync()).Size);
        Assert.Equal(Utf8("{\"c\":1}"), (await store.Credentials.GetAsync(tenant, "urn:h:clash"))!.Content.ToArray());
        Assert.Equal(Utf8("{\"e\":1}"), (await store.Credentials.GetAsync(tenant, "urn:h:elsewhere"))!.Content.ToArray());
    }
}

/// <summary>Savepoints and content hashes on SQLite.</summary>
public sealed class SqliteSavepointContractTests(SqliteHarness harness) : SavepointContractTests(harness), IClassFixture<SqliteHarness>;

/// <summary>Savepoints and content hashes on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresSavepointContractTests(PostgresHarness harness) : SavepointContractTests(harness), IClassFixture<PostgresHarness>;
