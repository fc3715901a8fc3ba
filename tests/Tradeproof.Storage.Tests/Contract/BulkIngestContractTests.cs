using System.Text;
using Tradeproof.Storage.Tests.Postgres;
using Tradeproof.Storage.Tests.Sqlite;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// Bulk ingest (<see cref="StoreIngest.IngestAsync"/>, issue #10) against the reference path: the same batch through
/// the fast path into one database and through the repositories one by one (<see cref="StoreIngest.IngestOneByOneAsync"/>)
/// into another, from the same prior state and clock, must give the same outcomes, the same rows and the same
/// transparency log (leaves in the same order, same subtrees, same root).
/// </summary>
public abstract class BulkIngestContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private const string Tenant = "acme";

    /// <summary>A new, empty database of the kind under test.</summary>
    protected abstract IStoreHarness NewHarness();

    private static StoreOptionsSeed Seed() => new(new FixedClock(Start), new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static CredentialRecord Credential(string id, string body) => new(id, CredentialDirection.Received, "application/vc", Utf8(body), "did:web:mill.example");

    private static TwinEventData Event(string id, params string[] subjects) => new(id, "ShipmentDeparted", $"{{\"id\":\"{id}\"}}", subjects);

    /// <summary>The same prior state in both databases: a stored credential, a presentation, a stream at version 2.</summary>
    private static async Task<ITradeproofStore> PreparedAsync(IStoreHarness harness)
    {
        var store = await harness.OpenAsync(Seed());
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(Tenant, "Acme")));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(Tenant, Credential("urn:c:old", "{\"old\":1}")));
        Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(Tenant, new PresentationRecord("urn:p:old", Utf8("{\"p\":0}"))));
        Assert.True((await store.TwinEvents.AppendAsync(Tenant, "lot-1", 0, [Event("e1", "lot-1"), Event("e2", "lot-1")])).Succeeded);
        return store;
    }

    /// <summary>Every kind of outcome: new, duplicate, conflict, appends chained in one batch, a stale expected version.</summary>
    private static IngestBatch MixedBatch() => new(
        [
            new PresentationRecord("urn:p:1", Utf8("{\"p\":1}"), "did:web:broker.example", "{\"verified\":true}"),
            new PresentationRecord("urn:p:old", Utf8("{\"p\":0}")), // already in the inbox
            new PresentationRecord("urn:p:2", Utf8("{\"p\":2}"), ReplacesId: "urn:p:1"),
            new PresentationRecord("urn:p:1", Utf8("{\"p\":1}")), // twice in the batch
        ],
        [
            Credential("urn:c:1", "{\"c\":1}"),
            Credential("urn:c:old", "{\"old\":1}"),   // stored before, same bytes
            Credential("urn:c:old", "{\"old\":2}"),   // stored before, other bytes
            Credential("urn:c:2", "{\"c\":2}"),
            Credential("urn:c:1", "{\"c\":1}"),       // twice in the batch, same bytes
            Credential("urn:c:2", "{\"c\":22}"),      // twice in the batch, other bytes
            new CredentialRecord("urn:c:3", CredentialDirection.Issued, "application/vc+jwt", Utf8("eyJ.x.y")),
        ],
        [
            new TwinAppend("lot-1", 2, [Event("e3", "lot-1", "shipment-9")]),
            new TwinAppend("lot-2", 0, [Event("f1", "lot-2", "shipment-9"), Event("f2", "lot-2"), Event("f3", "lot-2", "po-7")]),
            new TwinAppend("lot-2", 3, [Event("f4", "lot-2")]),          // follows the append before it
            new TwinAppend("lot-1", 1, [Event("stale", "lot-1")]),       // stale: conflict at version 3
            new TwinAppend("lot-3", 5, [Event("never", "lot-3")]),       // new stream, wrong version: conflict at 0
        ]);

    [StoreFact]
    public async Task A_bulk_batch_gives_the_outcomes_rows_and_log_of_the_same_writes_one_by_one()
    {
        var bulk = NewHarness();
        var referenceHarness = NewHarness();
        try
        {
            await using var fast = await PreparedAsync(bulk);
            await using var reference = await PreparedAsync(referenceHarness);

            var bulkResult = await fast.IngestAsync(Tenant, MixedBatch());
            var referenceResult = await reference.IngestOneByOneAsync(Tenant, MixedBatch());

            Assert.Equal(
                [PresentationReceiveOutcome.Received, PresentationReceiveOutcome.Duplicate, PresentationReceiveOutcome.Received, PresentationReceiveOutcome.Duplicate],
                bulkResult.Presentations);
            Assert.Equal(
                [CredentialSaveOutcome.Stored, CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Conflict, CredentialSaveOutcome.Stored,
                 CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Conflict, CredentialSaveOutcome.Stored],
                bulkResult.Credentials);
            Assert.Equal(
                [new AppendResult(AppendOutcome.Appended, 3), new AppendResult(AppendOutcome.Appended, 3), new AppendResult(AppendOutcome.Appended, 4),
                 new AppendResult(AppendOutcome.Conflict, 3), new AppendResult(AppendOutcome.Conflict, 0)],
                bulkResult.Appends);
            Assert.Equal(referenceResult.Presentations, bulkResult.Presentations);
            Assert.Equal(referenceResult.Credentials, bulkResult.Credentials);
            Assert.Equal(referenceResult.Appends, bulkResult.Appends);

            Assert.Equal(await SnapshotAsync(reference), await SnapshotAsync(fast));
            Assert.Equal(await referenceHarness.CountAsync("SELECT COUNT(*) FROM twin_subjects"), await bulk.CountAsync("SELECT COUNT(*) FROM twin_subjects"));
            Assert.Equal(await referenceHarness.CountAsync("SELECT COUNT(*) FROM log_nodes"), await bulk.CountAsync("SELECT COUNT(*) FROM log_nodes"));

            // 2 presentations, 3 credentials, 5 events: 10 leaves after the 4 of the prior state, contiguous.
            var head = await fast.Log.GetTreeHeadAsync();
            Assert.Equal(14, head.Size);
            Assert.Equal(Enumerable.Range(0, 14).Select(i => (long)i), (await fast.Log.GetLeavesAsync(0, 100)).Select(l => l.Index));
            Assert.True((await TransparencyLogAudit.RunAsync(fast.Log, null)).Ok);
        }
        finally
        {
            (referenceHarness as IDisposable)?.Dispose();
            (bulk as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Larger than one multi-row statement (SQLite: 100 rows each), with repeats that make a statement insert fewer
    /// rows than it carries: a credential id repeated in the same and in a later statement (same and other bytes),
    /// ids stored before, a presentation repeated across statements, 40 streams of 10 events.
    /// </summary>
    private static IngestBatch LargeBatch()
    {
        var credentials = Enumerable.Range(0, 350).Select(i => Credential($"urn:c:big-{i:D3}", $"{{\"c\":{i}}}")).ToList();
        credentials[120] = Credential("urn:c:big-110", "{\"c\":-1}");   // same statement, other bytes: Conflict
        credentials[150] = Credential("urn:c:big-010", "{\"c\":10}");   // a later statement, same bytes: AlreadyStored
        credentials[230] = Credential("urn:c:old", "{\"old\":1}");      // stored before: AlreadyStored
        credentials[231] = Credential("urn:c:old", "{\"old\":2}");      // stored before, other bytes: Conflict
        credentials[299] = Credential("urn:c:big-299", "{\"c\":299}");
        credentials[300] = Credential("urn:c:big-299", "{\"c\":299}");  // the next statement's first row: AlreadyStored
        var presentations = Enumerable.Range(0, 130).Select(i => new PresentationRecord($"urn:p:big-{i}", Utf8($"{{\"p\":{i}}}"))).ToList();
        presentations[105] = new PresentationRecord("urn:p:big-3", Utf8("{\"p\":3}"));
        presentations[7] = new PresentationRecord("urn:p:old", Utf8("{\"p\":0}"));
        var appends = Enumerable.Range(0, 40).Select(s => new TwinAppend($"big-{s:D2}", 0,
            [.. Enumerable.Range(1, 10).Select(e => Event($"big-{s}-{e}", $"big-{s:D2}", $"order-{s % 7}"))])).ToList();
        appends.Add(new TwinAppend("lot-1", 2, [Event("e3", "lot-1")]));
        appends.Add(new TwinAppend("big-05", 10, [Event("big-5-11", "big-05")]));
        appends.Add(new TwinAppend("big-06", 3, [Event("stale", "big-06")]));
        return new IngestBatch(presentations, credentials, appends);
    }

    [StoreFact]
    public async Task A_batch_of_several_multi_row_statements_with_repeats_matches_the_writes_one_by_one()
    {
        var bulk = NewHarness();
        var referenceHarness = NewHarness();
        try
        {
            await using var fast = await PreparedAsync(bulk);
            await using var reference = await PreparedAsync(referenceHarness);

            var bulkResult = await fast.IngestAsync(Tenant, LargeBatch());
            var referenceResult = await reference.IngestOneByOneAsync(Tenant, LargeBatch());

            Assert.Equal(referenceResult.Presentations, bulkResult.Presentations);
            Assert.Equal(referenceResult.Credentials, bulkResult.Credentials);
            Assert.Equal(referenceResult.Appends, bulkResult.Appends);
            Assert.Equal(CredentialSaveOutcome.Conflict, bulkResult.Credentials[120]);
            Assert.Equal(CredentialSaveOutcome.AlreadyStored, bulkResult.Credentials[150]);
            Assert.Equal([CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Conflict], bulkResult.Credentials.Skip(230).Take(2));
            Assert.Equal([CredentialSaveOutcome.Stored, CredentialSaveOutcome.AlreadyStored], bulkResult.Credentials.Skip(299).Take(2));
            Assert.Equal(345, bulkResult.Credentials.Count(o => o == CredentialSaveOutcome.Stored));
            Assert.Equal(PresentationReceiveOutcome.Duplicate, bulkResult.Presentations[105]);
            Assert.Equal(128, bulkResult.Presentations.Count(o => o == PresentationReceiveOutcome.Received));
            Assert.Equal(new AppendResult(AppendOutcome.Appended, 11), bulkResult.Appends[41]);
            Assert.Equal(new AppendResult(AppendOutcome.Conflict, 10), bulkResult.Appends[42]);

            Assert.Equal(await SnapshotAsync(reference), await SnapshotAsync(fast));
            Assert.Equal(await referenceHarness.CountAsync("SELECT COUNT(*) FROM twin_subjects"), await bulk.CountAsync("SELECT COUNT(*) FROM twin_subjects"));
            Assert.Equal(await referenceHarness.CountAsync("SELECT COUNT(*) FROM log_nodes"), await bulk.CountAsync("SELECT COUNT(*) FROM log_nodes"));

            // 4 leaves before; 128 presentations, 345 credentials and 402 events after them, contiguous.
            var head = await fast.Log.GetTreeHeadAsync();
            Assert.Equal(4 + 128 + 345 + 402, head.Size);
            Assert.True((await TransparencyLogAudit.RunAsync(fast.Log, null)).Ok);
        }
        finally
        {
            (referenceHarness as IDisposable)?.Dispose();
            (bulk as IDisposable)?.Dispose();
        }
    }

    [StoreFact]
    public async Task An_invalid_member_or_an_unknown_tenant_writes_nothing()
    {
        var harness = NewHarness();
        try
        {
            await using var store = await PreparedAsync(harness);
            var before = await SnapshotAsync(store);
            var invalid = MixedBatch() with { Appends = [new TwinAppend("lot-9", 0, [Event("ok")]), new TwinAppend("lot-10", 0, [])] };
            await Assert.ThrowsAsync<ArgumentException>(async () => await store.IngestAsync(Tenant, invalid));
            var error = await Assert.ThrowsAsync<StoreException>(async () => await store.IngestAsync("no-such-tenant", MixedBatch()));
            Assert.Equal(StoreErrorKind.UnknownTenant, error.Kind);
            Assert.Equal(before, await SnapshotAsync(store));
        }
        finally
        {
            (harness as IDisposable)?.Dispose();
        }
    }

    /// <summary>Everything the store returns about the tenant and the log, as comparable text.</summary>
    private static async Task<string> SnapshotAsync(ITradeproofStore store)
    {
        var text = new StringBuilder();
        foreach (var direction in new[] { CredentialDirection.Issued, CredentialDirection.Received })
        {
            for (string? after = null; ;)
            {
                var page = await store.Credentials.ListAsync(Tenant, direction, after, 100);
                foreach (var c in page)
                {
                    text.AppendLine($"credential {c.Id} {c.Direction} {c.MediaType} {Convert.ToHexString(c.Content.Span)} {c.IssuerId} {c.VerificationResultJson} {c.StoredAt:O}");
                }

                if (page.Count == 0)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        for (long after = 0; ;)
        {
            var page = await store.Presentations.ListAsync(Tenant, after, 100);
            foreach (var p in page)
            {
                text.AppendLine($"presentation {p.Sequence} {p.Presentation.Id} {Convert.ToHexString(p.Presentation.Content.Span)} {p.Presentation.HolderId} {p.Presentation.VerificationResultJson} {p.Presentation.ReplacesId} {p.Presentation.ReceivedAt:O}");
            }

            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        var streams = new List<string>();
        for (string? after = null; ;)
        {
            var page = await store.TwinEvents.ListStreamsAsync(Tenant, after, 100);
            streams.AddRange(page);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1];
        }

        foreach (var stream in streams)
        {
            foreach (var e in await store.TwinEvents.ReadStreamAsync(Tenant, stream))
            {
                text.AppendLine($"event {e.StreamId} {e.Version} {e.EventId} {e.EventType} {e.PayloadJson} {string.Join(',', e.SubjectIds)} {e.RecordedAt:O}");
            }
        }

        foreach (var subject in new[] { "lot-1", "lot-2", "lot-3", "shipment-9", "po-7" }.Concat(streams))
        {
            text.AppendLine($"subject {subject}: {string.Join(',', await store.TwinEvents.FindStreamsBySubjectAsync(Tenant, subject))}");
        }

        var head = await store.Log.GetTreeHeadAsync();
        text.AppendLine($"log {head.Size} {Convert.ToHexString(head.RootHash)}");
        for (long start = 0; start < head.Size; start += 500)
        {
            foreach (var leaf in await store.Log.GetLeavesAsync(start, 500))
            {
                text.AppendLine($"leaf {leaf.Index} {Convert.ToHexString(leaf.Entry.Encode())} {Convert.ToHexString(leaf.LeafHash)}");
            }
        }

        for (var level = 1; level < 12; level++)
        {
            foreach (var (index, hash) in await store.Log.GetNodesAsync(level, 0, 1000))
            {
                text.AppendLine($"node {level} {index} {Convert.ToHexString(hash)}");
            }
        }

        return text.ToString();
    }
}

/// <summary>Bulk ingest on SQLite (two database files).</summary>
public sealed class SqliteBulkIngestContractTests : BulkIngestContractTests
{
    /// <inheritdoc />
    protected override IStoreHarness NewHarness() => new SqliteHarness();
}

/// <summary>Bulk ingest on PostgreSQL (two databases on the private cluster).</summary>
[RequiresPostgres]
public sealed class PostgresBulkIngestContractTests : BulkIngestContractTests
{
    /// <inheritdoc />
    protected override IStoreHarness NewHarness() => new PostgresHarness();
}
