using System.Security.Cryptography;
using System.Text;
using Tradeproof.Storage.Tests.Support;

namespace Tradeproof.Storage.Tests.Contract;

/// <summary>
/// The store contract, run on every implementation (one derived class per database). Each test works in tenants of
/// its own, so the tests of a class share one database.
/// </summary>
public abstract class StoreContractTests(IStoreHarness harness)
{
    private static int s_tenants;

    protected static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected IStoreHarness Harness { get; } = harness;

    protected FixedClock Time { get; } = new(Start);

    protected StoreOptionsSeed Seed => new(Time, new CountingRandomSource(), new OperatorKey(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    protected async Task<(ITradeproofStore Store, string Tenant)> OpenWithTenantAsync()
    {
        var store = await Harness.OpenAsync(Seed);
        Assert.Equal(Harness.Provider, store.Provider);
        return (store, await NewTenantAsync(store));
    }

    protected static async Task<string> NewTenantAsync(ITradeproofStore store)
    {
        var id = $"org-{Environment.ProcessId}-{Interlocked.Increment(ref s_tenants)}";
        Assert.Equal(TenantCreateOutcome.Created, await store.Tenants.CreateAsync(new TenantRecord(id, "Org " + id)));
        return id;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static TwinEventData Event(string id, params string[] subjects) =>
        new(id, "ShipmentDeparted", $"{{\"id\":\"{id}\",\"n\":1}}", subjects);

    // ---- tenants ----

    [StoreFact]
    public async Task Tenants_are_created_once_read_listed_and_updated()
    {
        await using var store = await Harness.OpenAsync(Seed);
        var id = await NewTenantAsync(store);
        Assert.Equal(TenantCreateOutcome.AlreadyExists, await store.Tenants.CreateAsync(new TenantRecord(id, "another name")));
        var tenant = await store.Tenants.GetAsync(id);
        Assert.NotNull(tenant);
        Assert.Equal("Org " + id, tenant.DisplayName);
        Assert.False(tenant.PublicVerification);
        Assert.Equal(Start, tenant.CreatedAt);
        Assert.True(await store.Tenants.UpdateAsync(tenant with { DisplayName = "Acme Steel", PublicVerification = true }));
        var updated = await store.Tenants.GetAsync(id);
        Assert.Equal("Acme Steel", updated!.DisplayName);
        Assert.True(updated.PublicVerification);
        Assert.Contains(await store.Tenants.ListAsync(), t => t.Id == id);
        Assert.Null(await store.Tenants.GetAsync("no-such-tenant"));
        Assert.False(await store.Tenants.UpdateAsync(new TenantRecord("no-such-tenant", "x")));
    }

    // ---- credentials ----

    [StoreFact]
    public async Task Credentials_keep_their_original_bytes_exactly()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        // Odd spacing, key order, escapes, non-ASCII and a BOM-free trailing newline: none of it may be normalised.
        var original = Utf8("{ \"id\" :\"urn:uuid:1\",\n\t\"b\":1, \"a\":\"\\u00e9t\u00e9 \u2603\",\"n\":1.0e0 }\n");
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, new CredentialRecord("urn:uuid:1", CredentialDirection.Received, "application/vc", original, "did:web:mill.example")));
        var read = await store.Credentials.GetAsync(tenant, "urn:uuid:1");
        Assert.NotNull(read);
        Assert.Equal(original, read.Content.ToArray());
        Assert.Equal(CredentialDirection.Received, read.Direction);
        Assert.Equal("application/vc", read.MediaType);
        Assert.Equal("did:web:mill.example", read.IssuerId);
        Assert.Null(read.VerificationResultJson);
        Assert.Equal(Start, read.StoredAt);

        var jwt = Utf8("eyJhbGciOiJFUzI1NiJ9.e30.sig");
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, new CredentialRecord("urn:uuid:2", CredentialDirection.Issued, "application/vc+jwt", jwt)));
        Assert.Equal(jwt, (await store.Credentials.GetAsync(tenant, "urn:uuid:2"))!.Content.ToArray());
    }

    [StoreFact]
    public async Task A_credential_id_is_never_overwritten()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var credential = new CredentialRecord("urn:c", CredentialDirection.Issued, "application/vc", Utf8("{\"v\":1}"));
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(tenant, credential));
        Assert.Equal(CredentialSaveOutcome.AlreadyStored, await store.Credentials.SaveAsync(tenant, credential));
        Assert.Equal(CredentialSaveOutcome.Conflict, await store.Credentials.SaveAsync(tenant, credential with { Content = Utf8("{\"v\":2}") }));
        Assert.Equal(Utf8("{\"v\":1}"), (await store.Credentials.GetAsync(tenant, "urn:c"))!.Content.ToArray());
        Assert.Equal(1, await Harness.CountAsync($"SELECT COUNT(*) FROM credentials WHERE tenant_id = '{tenant}'"));
    }

    [StoreFact]
    public async Task Credentials_record_verification_results_and_page_by_direction()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var batch = Enumerable.Range(0, 25)
            .Select(i => new CredentialRecord($"urn:c:{i:D3}", i % 5 == 0 ? CredentialDirection.Issued : CredentialDirection.Received, "application/vc", Utf8($"{{\"i\":{i}}}")))
            .ToList();
        var outcomes = await store.Credentials.SaveManyAsync(tenant, batch);
        Assert.All(outcomes, o => Assert.Equal(CredentialSaveOutcome.Stored, o));
        Assert.Equal([CredentialSaveOutcome.AlreadyStored, CredentialSaveOutcome.Stored],
            await store.Credentials.SaveManyAsync(tenant, [batch[3], batch[3] with { Id = "urn:c:new" }]));

        // The same id twice in one batch: the first is stored, a repeat is compared with it.
        var twin = new CredentialRecord("urn:c:twice", CredentialDirection.Issued, "application/vc", Utf8("{\"t\":1}"));
        Assert.Equal([CredentialSaveOutcome.Stored, CredentialSaveOutcome.Conflict, CredentialSaveOutcome.AlreadyStored],
            await store.Credentials.SaveManyAsync(tenant, [twin, twin with { Content = Utf8("{\"t\":2}") }, twin]));
        Assert.Equal(Utf8("{\"t\":1}"), (await store.Credentials.GetAsync(tenant, "urn:c:twice"))!.Content.ToArray());

        // Above one statement's rows (500): every one stored, in order.
        var large = Enumerable.Range(0, 1203).Select(i => new CredentialRecord($"urn:big:{i}", CredentialDirection.Received, "application/vc", Utf8($"{{\"big\":{i}}}"))).ToList();
        Assert.All(await store.Credentials.SaveManyAsync(tenant, large), o => Assert.Equal(CredentialSaveOutcome.Stored, o));
        Assert.Equal(Utf8("{\"big\":1202}"), (await store.Credentials.GetAsync(tenant, "urn:big:1202"))!.Content.ToArray());

        Assert.True(await store.Credentials.SetVerificationResultAsync(tenant, "urn:c:001", "{\"verified\":true}"));
        Assert.False(await store.Credentials.SetVerificationResultAsync(tenant, "urn:c:missing", "{}"));
        Assert.Equal("{\"verified\":true}", (await store.Credentials.GetAsync(tenant, "urn:c:001"))!.VerificationResultJson);

        var issued = await store.Credentials.ListAsync(tenant, CredentialDirection.Issued);
        Assert.Equal(["urn:c:000", "urn:c:005", "urn:c:010", "urn:c:015", "urn:c:020", "urn:c:twice"], issued.Select(c => c.Id));
        var page1 = await store.Credentials.ListAsync(tenant, CredentialDirection.Received, "urn:c:", limit: 10);
        var page2 = await store.Credentials.ListAsync(tenant, CredentialDirection.Received, page1[^1].Id, limit: 10);
        var page3 = await store.Credentials.ListAsync(tenant, CredentialDirection.Received, page2[^1].Id, limit: 10);
        Assert.Equal(21, page1.Count + page2.Count + page3.Count);
        Assert.Equal(21, page1.Concat(page2).Concat(page3).Select(c => c.Id).Distinct().Count());
    }

    // ---- presentations ----

    [StoreFact]
    public async Task A_repeated_presentation_id_is_a_typed_duplicate_that_changes_nothing()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var first = new PresentationRecord("urn:vp:1", Utf8("{\"vp\":1}"), "did:web:carrier.example", "{\"verified\":true}");
        Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(tenant, first));
        Assert.Equal(PresentationReceiveOutcome.Duplicate, await store.Presentations.ReceiveAsync(tenant, first with { Content = Utf8("{\"vp\":\"other\"}") }));
        var read = await store.Presentations.GetAsync(tenant, "urn:vp:1");
        Assert.Equal(Utf8("{\"vp\":1}"), read!.Content.ToArray());
        Assert.Equal("did:web:carrier.example", read.HolderId);
        Assert.Equal("{\"verified\":true}", read.VerificationResultJson);
        Assert.Equal(1, await Harness.CountAsync($"SELECT COUNT(*) FROM presentations WHERE tenant_id = '{tenant}'"));
    }

    [StoreFact]
    public async Task The_inbox_pages_in_receipt_order_and_follows_replace_links()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        for (var i = 0; i < 7; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await store.Presentations.ReceiveAsync(tenant, new PresentationRecord($"urn:vp:{i}", Utf8($"{{\"i\":{i}}}"), ReplacesId: i is 5 or 6 ? "urn:vp:2" : null));
        }

        var page1 = await store.Presentations.ListAsync(tenant, limit: 4);
        var page2 = await store.Presentations.ListAsync(tenant, page1[^1].Sequence, limit: 4);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"urn:vp:{i}"), page1.Concat(page2).Select(e => e.Presentation.Id));
        Assert.Equal(Start.AddSeconds(1), page1[0].Presentation.ReceivedAt);
        Assert.Equal(["urn:vp:5", "urn:vp:6"], (await store.Presentations.ListReplacementsAsync(tenant, "urn:vp:2")).Select(p => p.Id));
        Assert.Equal("urn:vp:2", (await store.Presentations.GetAsync(tenant, "urn:vp:6"))!.ReplacesId);
        Assert.Empty(await store.Presentations.ListReplacementsAsync(tenant, "urn:vp:0"));
    }

    // ---- twin event streams ----

    [StoreFact]
    public async Task Streams_append_at_the_expected_version_and_read_back_in_order()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        Assert.Equal(0, await store.TwinEvents.GetVersionAsync(tenant, "lot-1"));
        var appended = await store.TwinEvents.AppendAsync(tenant, "lot-1", ITwinEventStore.NoStream, [Event("e1", "urn:lot:1"), Event("e2", "urn:lot:1", "urn:ship:9")]);
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 2), appended);
        Assert.True(appended.Succeeded);
        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 2), await store.TwinEvents.AppendAsync(tenant, "lot-1", 1, [Event("e3")]));
        Assert.Equal(new AppendResult(AppendOutcome.Conflict, 2), await store.TwinEvents.AppendAsync(tenant, "lot-1", 5, [Event("e3")]));
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 3), await store.TwinEvents.AppendAsync(tenant, "lot-1", 2, [Event("e3", "urn:ship:9")]));

        var events = await store.TwinEvents.ReadStreamAsync(tenant, "lot-1");
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.Equal(["e1", "e2", "e3"], events.Select(e => e.EventId));
        Assert.Equal(["urn:lot:1", "urn:ship:9"], events[1].SubjectIds);
        Assert.Equal("{\"id\":\"e2\",\"n\":1}", events[1].PayloadJson);
        Assert.Equal("ShipmentDeparted", events[0].EventType);
        Assert.Equal(Start, events[0].RecordedAt);
        Assert.Equal(["e2", "e3"], (await store.TwinEvents.ReadStreamAsync(tenant, "lot-1", fromVersion: 2)).Select(e => e.EventId));
        Assert.Equal(["e1"], (await store.TwinEvents.ReadStreamAsync(tenant, "lot-1", limit: 1)).Select(e => e.EventId));
        Assert.Empty(await store.TwinEvents.ReadStreamAsync(tenant, "lot-unknown"));

        var many = Enumerable.Range(0, 1100).Select(i => Event($"m{i}", $"urn:many:{i % 3}")).ToList();
        Assert.Equal(new AppendResult(AppendOutcome.Appended, 1100), await store.TwinEvents.AppendAsync(tenant, "many", 0, many));
        Assert.Equal(Enumerable.Range(1, 1100).Select(v => (long)v), (await store.TwinEvents.ReadStreamAsync(tenant, "many")).Select(e => e.Version));
        Assert.Equal(["many"], await store.TwinEvents.FindStreamsBySubjectAsync(tenant, "urn:many:2"));

        await store.TwinEvents.AppendAsync(tenant, "ship-9", 0, [Event("s1", "urn:ship:9")]);
        Assert.Equal(["lot-1", "ship-9"], await store.TwinEvents.FindStreamsBySubjectAsync(tenant, "urn:ship:9"));
        Assert.Equal(["lot-1"], await store.TwinEvents.FindStreamsBySubjectAsync(tenant, "urn:lot:1"));
        Assert.Empty(await store.TwinEvents.FindStreamsBySubjectAsync(tenant, "urn:nothing"));
    }

    [StoreFact]
    public async Task Several_streams_append_in_one_call_each_whole_or_not_at_all()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.TwinEvents.AppendAsync(tenant, "lot-a", 0, [Event("a1", "urn:lot:a")]);
        var sizeBefore = (await store.Log.GetTreeHeadAsync()).Size;
        var results = await store.TwinEvents.AppendManyAsync(tenant,
        [
            new StreamAppend("lot-c", [Event("c1", "urn:lot:c", "urn:heat:1"), Event("c2", "urn:heat:1")]),
            new StreamAppend("lot-a", [Event("a2", "urn:heat:1")], ExpectedVersion: 1),
            new StreamAppend("lot-b", [Event("b1")], ExpectedVersion: 3),
            new StreamAppend("lot-d", [.. Enumerable.Range(0, 40).Select(i => Event($"d{i}", "urn:lot:d"))], ExpectedVersion: 0),
        ]);
        Assert.Equal(
            [new AppendResult(AppendOutcome.Appended, 2), new AppendResult(AppendOutcome.Appended, 2), new AppendResult(AppendOutcome.Conflict, 0), new AppendResult(AppendOutcome.Appended, 40)],
            results);
        Assert.Equal(["c1", "c2"], (await store.TwinEvents.ReadStreamAsync(tenant, "lot-c")).Select(e => e.EventId));
        Assert.Equal([1L, 2L], (await store.TwinEvents.ReadStreamAsync(tenant, "lot-a")).Select(e => e.Version));
        Assert.Empty(await store.TwinEvents.ReadStreamAsync(tenant, "lot-b"));
        Assert.Equal(Enumerable.Range(1, 40).Select(v => (long)v), (await store.TwinEvents.ReadStreamAsync(tenant, "lot-d")).Select(e => e.Version));
        Assert.Equal(["lot-a", "lot-c"], await store.TwinEvents.FindStreamsBySubjectAsync(tenant, "urn:heat:1"));
        Assert.Equal(sizeBefore + 43, (await store.Log.GetTreeHeadAsync()).Size);

        // At the head (no expected version): appended after whatever is there; a stale expectation is still refused.
        Assert.Equal(
            [new AppendResult(AppendOutcome.Appended, 3), new AppendResult(AppendOutcome.Conflict, 40)],
            await store.TwinEvents.AppendManyAsync(tenant, [new StreamAppend("lot-a", [Event("a3")]), new StreamAppend("lot-d", [Event("d-late")], ExpectedVersion: 39)]));
        Assert.Empty(await store.TwinEvents.AppendManyAsync(tenant, []));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.TwinEvents.AppendManyAsync(tenant, [new StreamAppend("lot-x", [Event("x1")]), new StreamAppend("lot-x", [Event("x2")])]));
        await Assert.ThrowsAsync<ArgumentException>(async () => await store.TwinEvents.AppendManyAsync(tenant, [new StreamAppend("lot-x", [])]));
        Assert.Empty(await store.TwinEvents.ReadStreamAsync(tenant, "lot-x"));
    }

    [StoreFact]
    public async Task Fifty_multi_stream_appenders_at_the_head_retrying_their_conflicts_all_land_densely()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var writers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            var pending = new List<StreamAppend> { new("hot", [Event($"h{i}")]), new($"own-{i}", [Event($"o{i}-1"), Event($"o{i}-2")]), new("warm", [Event($"w{i}")]) };
            while (pending.Count > 0)
            {
                var results = await store.TwinEvents.AppendManyAsync(tenant, pending);
                pending = [.. pending.Where((_, k) => !results[k].Succeeded)];
            }
        }));
        await Task.WhenAll(writers);
        foreach (var stream in new[] { "hot", "warm" })
        {
            var events = await store.TwinEvents.ReadStreamAsync(tenant, stream);
            Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), events.Select(e => e.Version));
            Assert.Equal(50, events.Select(e => e.EventId).Distinct().Count());
        }

        Assert.Equal([1L, 2L], (await store.TwinEvents.ReadStreamAsync(tenant, "own-7")).Select(e => e.Version));
    }

    [StoreFact]
    public async Task Streams_are_listed_in_order_page_by_page_and_only_the_tenants_own()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        Assert.Empty(await store.TwinEvents.ListStreamsAsync(tenant));
        foreach (var stream in new[] { "lot-2", "lot-10", "coil-1", "lot-1" })
        {
            await store.TwinEvents.AppendAsync(tenant, stream, 0, [Event(stream + "-a"), Event(stream + "-b")]);
        }

        Assert.Equal(["coil-1", "lot-1", "lot-10", "lot-2"], await store.TwinEvents.ListStreamsAsync(tenant));
        Assert.Equal(["coil-1", "lot-1"], await store.TwinEvents.ListStreamsAsync(tenant, limit: 2));
        Assert.Equal(["lot-10", "lot-2"], await store.TwinEvents.ListStreamsAsync(tenant, "lot-1", 2));
        Assert.Empty(await store.TwinEvents.ListStreamsAsync(tenant, "lot-2"));
        await store.Tenants.CreateAsync(new TenantRecord("other-tenant", "Other"));
        Assert.Empty(await store.TwinEvents.ListStreamsAsync("other-tenant"));
    }

    [StoreFact]
    public async Task Fifty_concurrent_appenders_at_one_expected_version_one_wins_and_versions_stay_dense()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.TwinEvents.AppendAsync(tenant, "twin", 0, [Event("genesis")]);
        using var go = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await store.TwinEvents.AppendAsync(tenant, "twin", 1, [Event($"r{i}-a"), Event($"r{i}-b")]);
        })).ToArray();
        go.Set();
        var results = await Task.WhenAll(racers);
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(new AppendResult(AppendOutcome.Conflict, 3), r));
        var events = await store.TwinEvents.ReadStreamAsync(tenant, "twin");
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        var winner = Array.FindIndex(results, r => r.Succeeded);
        Assert.Equal([$"r{winner}-a", $"r{winner}-b"], events.Skip(1).Select(e => e.EventId));
    }

    [StoreFact]
    public async Task Fifty_appenders_retrying_on_conflict_all_land_with_dense_versions()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var writers = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            while (true)
            {
                var version = await store.TwinEvents.GetVersionAsync(tenant, "busy");
                if ((await store.TwinEvents.AppendAsync(tenant, "busy", version, [Event($"w{i}")])).Succeeded)
                {
                    return;
                }
            }
        }));
        await Task.WhenAll(writers);
        var events = await store.TwinEvents.ReadStreamAsync(tenant, "busy");
        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(50, events.Select(e => e.EventId).Distinct().Count());
    }

    [StoreFact]
    public async Task Two_stores_on_one_database_race_like_two_node_processes()
    {
        // Two store instances have separate pools (and, on SQLite, separate writer gates: they meet at the file
        // lock and its busy timeout), as two node processes would.
        var (first, tenant) = await OpenWithTenantAsync();
        await using var _ = first;
        await using var second = await Harness.OpenAsync(Seed);
        await first.TwinEvents.AppendAsync(tenant, "shared", 0, [Event("genesis")]);
        await first.Challenges.IssueAsync(tenant, "shared-nonce", Start.AddMinutes(1));
        using var go = new ManualResetEventSlim();
        var appends = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await (i % 2 == 0 ? first : second).TwinEvents.AppendAsync(tenant, "shared", 1, [Event($"p{i}")]);
        })).ToArray();
        var consumes = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            go.Wait();
            return await (i % 2 == 0 ? first : second).Challenges.ConsumeAsync(tenant, "shared-nonce");
        })).ToArray();
        go.Set();
        Assert.Single(await Task.WhenAll(appends), r => r.Succeeded);
        Assert.Single(await Task.WhenAll(consumes), o => o == ChallengeOutcome.Consumed);
        Assert.Equal([1L, 2L], (await second.TwinEvents.ReadStreamAsync(tenant, "shared")).Select(e => e.Version));
    }

    [StoreFact]
    public async Task The_database_itself_refuses_a_gap_or_a_repeated_version()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.TwinEvents.AppendAsync(tenant, "guarded", 0, [Event("e1")]);
        // Bypassing the store: version 3 without 2 breaks the previous-version foreign key; version 1 again the key.
        await Assert.ThrowsAnyAsync<Exception>(async () => await Harness.CountAsync(
            $"INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ('{tenant}', 'guarded', 3, 2, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        await Assert.ThrowsAnyAsync<Exception>(async () => await Harness.CountAsync(
            $"INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ('{tenant}', 'guarded', 1, NULL, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        await Assert.ThrowsAnyAsync<Exception>(async () => await Harness.CountAsync(
            $"INSERT INTO twin_events (tenant_id, stream_id, version, previous_version, event_id, event_type, payload, subject_ids, recorded_at) VALUES ('{tenant}', 'guarded', 2, NULL, 'x', 't', '{{}}', '[]', 0) RETURNING 1"));
        Assert.Equal(1, await Harness.CountAsync($"SELECT COUNT(*) FROM twin_events WHERE tenant_id = '{tenant}'"));
    }

    // ---- status lists ----

    [StoreFact]
    public async Task Status_lists_allocate_indexes_once_and_set_status_bits()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        const string list = "https://node.example/status/1";
        Assert.True(await store.StatusLists.CreateAsync(tenant, list, "message", 16, 2));
        Assert.False(await store.StatusLists.CreateAsync(tenant, list, "revocation", 64, 1));
        Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Allocated, 0), await store.StatusLists.AllocateIndexAsync(tenant, list, "urn:c:0"));
        // A chosen index (random allocation) is taken once, and sequential allocation steps over it.
        Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Allocated, 1), await store.StatusLists.TryReserveIndexAsync(tenant, list, 1, "urn:c:r"));
        Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Taken, 1), await store.StatusLists.TryReserveIndexAsync(tenant, list, 1, "urn:c:r2"));
        Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Taken, 0), await store.StatusLists.TryReserveIndexAsync(tenant, list, 0, "urn:c:r3"));
        Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Allocated, 2), await store.StatusLists.AllocateIndexAsync(tenant, list, "urn:c:2"));
        for (var i = 3; i < 16; i++)
        {
            Assert.Equal(new IndexAllocation(IndexAllocationOutcome.Allocated, i), await store.StatusLists.AllocateIndexAsync(tenant, list, $"urn:c:{i}"));
        }

        Assert.Equal(IndexAllocationOutcome.Exhausted, (await store.StatusLists.AllocateIndexAsync(tenant, list, "urn:c:x")).Outcome);
        Assert.Equal(IndexAllocationOutcome.UnknownList, (await store.StatusLists.AllocateIndexAsync(tenant, "https://none", "urn:c:x")).Outcome);
        Assert.Equal(IndexAllocationOutcome.UnknownList, (await store.StatusLists.TryReserveIndexAsync(tenant, "https://none", 0, "urn:c:x")).Outcome);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.StatusLists.TryReserveIndexAsync(tenant, list, 16, "urn:c:x"));

        // statusSize 2: entry 0 = 0b11, entry 3 = 0b01, entry 15 = 0b10 (left-most bit first).
        Assert.True(await store.StatusLists.SetStatusAsync(tenant, list, 0, 3));
        Assert.True(await store.StatusLists.SetStatusAsync(tenant, list, 3, 1));
        Assert.True(await store.StatusLists.SetStatusAsync(tenant, list, 15, 2));
        Assert.True(await store.StatusLists.SetStatusAsync(tenant, list, 0, 2));
        Assert.False(await store.StatusLists.SetStatusAsync(tenant, "https://none", 0, 1));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.StatusLists.SetStatusAsync(tenant, list, 1, 4));
        var record = await store.StatusLists.GetAsync(tenant, list);
        Assert.NotNull(record);
        Assert.Equal([0b1000_0001, 0, 0, 0b0000_0010], record.Bitstring.ToArray());
        Assert.Equal(("message", 16, 2, 16L, 16L), (record.Purpose, record.Entries, record.StatusSize, record.NextIndex, record.AllocatedCount));
    }

    [StoreFact]
    public async Task Concurrent_index_allocation_never_hands_out_an_index_twice()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        const string list = "https://node.example/status/hot";
        await store.StatusLists.CreateAsync(tenant, list, "revocation", 256, 1);
        // 100 sequential allocators race 100 chosen reservations over the same 200 low indexes.
        var sequential = Enumerable.Range(0, 100).Select(i => Task.Run(async () => await store.StatusLists.AllocateIndexAsync(tenant, list, $"urn:s:{i}")));
        var chosen = Enumerable.Range(0, 100).Select(i => Task.Run(async () => await store.StatusLists.TryReserveIndexAsync(tenant, list, (i * 37) % 200, $"urn:r:{i}")));
        var results = await Task.WhenAll(sequential.Concat(chosen));
        var allocated = results.Where(r => r.Outcome == IndexAllocationOutcome.Allocated).Select(r => r.Index).ToList();
        Assert.Equal(allocated.Count, allocated.Distinct().Count());
        Assert.All(results.Take(100), r => Assert.Equal(IndexAllocationOutcome.Allocated, r.Outcome));
        Assert.Equal(allocated.Count, await Harness.CountAsync($"SELECT COUNT(*) FROM status_list_indexes WHERE tenant_id = '{tenant}'"));
        Assert.Equal(allocated.Count, (await store.StatusLists.GetAsync(tenant, list))!.AllocatedCount);
    }

    // ---- keys and secrets ----

    [StoreFact]
    public async Task Secret_keys_round_trip_and_are_unreadable_in_the_raw_database()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var secret = RandomNumberGenerator.GetBytes(32);
        var publicKey = RandomNumberGenerator.GetBytes(32);
        var key = new KeyRecord("did:web:acme.example#key-1", "Ed25519", publicKey, secret, "did:web:acme.example");
        Assert.True(await store.Keys.AddAsync(tenant, key));
        Assert.False(await store.Keys.AddAsync(tenant, key));
        var read = await store.Keys.GetAsync(tenant, key.KeyId);
        Assert.Equal(secret, read!.SecretKey.ToArray());
        Assert.Equal(publicKey, read.PublicKey.ToArray());
        Assert.Equal(("Ed25519", "did:web:acme.example"), (read.Algorithm, read.Controller));
        var listed = Assert.Single(await store.Keys.ListAsync(tenant));
        Assert.True(listed.SecretKey.IsEmpty);

        Assert.False(await Harness.FilesContainAsync(secret), "the secret key is in the database files in plaintext");
        Assert.True(await Harness.FilesContainAsync(publicKey), "the scan does not see the database's content");

        Assert.True(await store.Keys.DeleteAsync(tenant, key.KeyId));
        Assert.Null(await store.Keys.GetAsync(tenant, key.KeyId));
        Assert.False(await store.Keys.DeleteAsync(tenant, key.KeyId));
    }

    [StoreFact]
    public async Task A_secret_does_not_decrypt_under_another_operator_key()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using (store)
        {
            await store.Keys.AddAsync(tenant, new KeyRecord("k1", "P-256", new byte[65], new byte[32]));
        }

        await using var other = await Harness.OpenAsync(Seed with { OperatorKey = new OperatorKey(new byte[32]) });
        var e = await Assert.ThrowsAsync<StoreException>(async () => await other.Keys.GetAsync(tenant, "k1"));
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
    }

    [StoreFact]
    public async Task A_sealed_secret_copied_to_another_row_does_not_decrypt()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.Keys.AddAsync(tenant, new KeyRecord("k-a", "Ed25519", new byte[32], Utf8("secret-a-secret-a-secret-a-12345")));
        await store.Keys.AddAsync(tenant, new KeyRecord("k-b", "Ed25519", new byte[32], Utf8("secret-b-secret-b-secret-b-12345")));
        await Harness.CountAsync($"UPDATE keys SET secret_key = (SELECT secret_key FROM keys WHERE tenant_id = '{tenant}' AND id = 'k-a') WHERE tenant_id = '{tenant}' AND id = 'k-b' RETURNING 1");
        var e = await Assert.ThrowsAsync<StoreException>(async () => await store.Keys.GetAsync(tenant, "k-b"));
        Assert.Equal(StoreErrorKind.Corrupt, e.Kind);
    }

    // ---- OAuth clients ----

    [StoreFact]
    public async Task Clients_are_registered_found_for_authentication_and_removed()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var other = await NewTenantAsync(store);
        var secret = ClientSecrets.Generate(new CountingRandomSource(7));
        var client = new ClientRecord($"client-{tenant}", tenant, ClientSecrets.Hash(secret), ["credentials:issue", "presentations:submit"]);
        Assert.True(await store.Clients.AddAsync(tenant, client));
        Assert.False(await store.Clients.AddAsync(other, client with { TenantId = other }));
        var found = await store.Clients.FindForAuthenticationAsync(client.ClientId);
        Assert.NotNull(found);
        Assert.Equal(tenant, found.TenantId);
        Assert.Equal(["credentials:issue", "presentations:submit"], found.Scopes);
        Assert.True(ClientSecrets.Verify(secret, found.SecretHash.Span));
        Assert.False(ClientSecrets.Verify(secret + "x", found.SecretHash.Span));
        Assert.False(await Harness.FilesContainAsync(Utf8(secret)), "the client secret is stored");
        Assert.Null(await store.Clients.GetAsync(other, client.ClientId));
        Assert.Single(await store.Clients.ListAsync(tenant));
        Assert.Empty(await store.Clients.ListAsync(other));
        Assert.False(await store.Clients.DeleteAsync(other, client.ClientId));
        Assert.True(await store.Clients.DeleteAsync(tenant, client.ClientId));
        Assert.Null(await store.Clients.FindForAuthenticationAsync(client.ClientId));
        Assert.Throws<ArgumentException>(() => store.Clients.AddAsync(tenant, client with { Scopes = ["has space"] }).AsTask().GetAwaiter().GetResult());
    }

    // ---- idempotency ----

    [StoreFact]
    public async Task An_idempotency_key_replays_the_same_body_and_refuses_another()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var body = SHA256.HashData(Utf8("{\"a\":1}"));
        Assert.Equal(new IdempotencyClaim(IdempotencyOutcome.Claimed), await store.Idempotency.ClaimAsync(tenant, "key-1", body));
        Assert.Equal(IdempotencyOutcome.InProgress, (await store.Idempotency.ClaimAsync(tenant, "key-1", body)).Outcome);
        Assert.True(await store.Idempotency.CompleteAsync(tenant, "key-1", new StoredResponse(201, "application/json", Utf8("{\"id\":\"urn:1\"}"))));
        Assert.False(await store.Idempotency.CompleteAsync(tenant, "key-1", new StoredResponse(500, null, default)));
        var replay = await store.Idempotency.ClaimAsync(tenant, "key-1", body);
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal((201, "application/json"), (replay.Response!.StatusCode, replay.Response.ContentType));
        Assert.Equal(Utf8("{\"id\":\"urn:1\"}"), replay.Response.Body.ToArray());
        Assert.Equal(IdempotencyOutcome.Mismatch, (await store.Idempotency.ClaimAsync(tenant, "key-1", SHA256.HashData(Utf8("{\"a\":2}")))).Outcome);
        Assert.False(await store.Idempotency.CompleteAsync(tenant, "key-unknown", new StoredResponse(200, null, default)));

        Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await store.Idempotency.PurgeAsync(tenant, Start.AddDays(1)));
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.Idempotency.ClaimAsync(tenant, "key-1", SHA256.HashData(Utf8("{\"a\":2}")))).Outcome);
    }

    [StoreFact]
    public async Task Concurrent_requests_with_one_idempotency_key_have_exactly_one_effect()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        var body = Utf8("{\"presentation\":\"urn:vp:idem\"}");
        var hash = SHA256.HashData(body);
        var requests = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await using var unit = await store.BeginAsync();
            var claim = await unit.Idempotency.ClaimAsync(tenant, "submit-1", hash);
            if (claim.Outcome != IdempotencyOutcome.Claimed)
            {
                return claim;
            }

            // The effect and the stored response commit together.
            await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord($"urn:vp:idem:{i}", body));
            await unit.Idempotency.CompleteAsync(tenant, "submit-1", new StoredResponse(202, null, Utf8($"accepted {i}")));
            await unit.CommitAsync();
            return claim;
        }));
        var claims = await Task.WhenAll(requests);
        Assert.Single(claims, c => c.Outcome == IdempotencyOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != IdempotencyOutcome.Claimed), c => Assert.Equal(IdempotencyOutcome.Replay, c.Outcome));
        Assert.Equal(1, await Harness.CountAsync($"SELECT COUNT(*) FROM presentations WHERE tenant_id = '{tenant}'"));
        Assert.Single(claims.Select(c => c.Response?.Body.ToArray()).Where(b => b is not null).Select(b => Encoding.UTF8.GetString(b!)).Distinct());
    }

    // ---- challenges ----

    [StoreFact]
    public async Task Challenges_are_consumed_once_and_expire()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        Assert.True(await store.Challenges.IssueAsync(tenant, "c-1", Start.AddMinutes(5), "node.example"));
        Assert.False(await store.Challenges.IssueAsync(tenant, "c-1", Start.AddMinutes(5)));
        Assert.True(await store.Challenges.IssueAsync(tenant, "c-2", Start.AddMinutes(5)));
        Assert.Equal(ChallengeOutcome.Consumed, await store.Challenges.ConsumeAsync(tenant, "c-1"));
        Assert.Equal(ChallengeOutcome.AlreadyConsumed, await store.Challenges.ConsumeAsync(tenant, "c-1"));
        Assert.Equal(ChallengeOutcome.Unknown, await store.Challenges.ConsumeAsync(tenant, "c-unknown"));
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(ChallengeOutcome.Expired, await store.Challenges.ConsumeAsync(tenant, "c-2"));
        Assert.Equal(2, await store.Challenges.PurgeExpiredAsync(tenant, Start.AddMinutes(6)));
        Assert.Equal(ChallengeOutcome.Unknown, await store.Challenges.ConsumeAsync(tenant, "c-2"));
    }

    [StoreFact]
    public async Task Fifty_concurrent_consumers_of_one_challenge_consume_it_exactly_once()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await store.Challenges.IssueAsync(tenant, "hot", Start.AddMinutes(1));
        using var go = new ManualResetEventSlim();
        var consumers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            return await store.Challenges.ConsumeAsync(tenant, "hot");
        })).ToArray();
        go.Set();
        var outcomes = await Task.WhenAll(consumers);
        Assert.Single(outcomes, o => o == ChallengeOutcome.Consumed);
        Assert.Equal(49, outcomes.Count(o => o == ChallengeOutcome.AlreadyConsumed));
    }

    // ---- tenant isolation ----

    [StoreFact]
    public async Task No_call_returns_another_tenants_data()
    {
        var (store, a) = await OpenWithTenantAsync();
        await using var _ = store;
        var b = await NewTenantAsync(store);
        await store.Credentials.SaveAsync(a, new CredentialRecord("urn:shared", CredentialDirection.Issued, "application/vc", Utf8("{\"a\":1}")));
        await store.Presentations.ReceiveAsync(a, new PresentationRecord("urn:vp:shared", Utf8("{}"), ReplacesId: "urn:vp:old"));
        await store.TwinEvents.AppendAsync(a, "twin", 0, [Event("e", "urn:subject")]);
        await store.StatusLists.CreateAsync(a, "https://list", "revocation", 8, 1);
        await store.Keys.AddAsync(a, new KeyRecord("key", "Ed25519", new byte[32], new byte[32]));
        await store.Idempotency.ClaimAsync(a, "idem", new byte[32]);
        await store.Challenges.IssueAsync(a, "nonce", Start.AddHours(1));

        Assert.Null(await store.Credentials.GetAsync(b, "urn:shared"));
        Assert.Empty(await store.Credentials.ListAsync(b, CredentialDirection.Issued));
        Assert.False(await store.Credentials.SetVerificationResultAsync(b, "urn:shared", "{}"));
        Assert.Null(await store.Presentations.GetAsync(b, "urn:vp:shared"));
        Assert.Empty(await store.Presentations.ListAsync(b));
        Assert.Empty(await store.Presentations.ListReplacementsAsync(b, "urn:vp:old"));
        Assert.Empty(await store.TwinEvents.ReadStreamAsync(b, "twin"));
        Assert.Equal(0, await store.TwinEvents.GetVersionAsync(b, "twin"));
        Assert.Empty(await store.TwinEvents.FindStreamsBySubjectAsync(b, "urn:subject"));
        Assert.Null(await store.StatusLists.GetAsync(b, "https://list"));
        Assert.Equal(IndexAllocationOutcome.UnknownList, (await store.StatusLists.AllocateIndexAsync(b, "https://list", "urn:c")).Outcome);
        Assert.False(await store.StatusLists.SetStatusAsync(b, "https://list", 0, 1));
        Assert.Null(await store.Keys.GetAsync(b, "key"));
        Assert.Empty(await store.Keys.ListAsync(b));
        Assert.False(await store.Keys.DeleteAsync(b, "key"));
        Assert.Equal(ChallengeOutcome.Unknown, await store.Challenges.ConsumeAsync(b, "nonce"));

        // The same ids live side by side in the other tenant, independently.
        Assert.Equal(CredentialSaveOutcome.Stored, await store.Credentials.SaveAsync(b, new CredentialRecord("urn:shared", CredentialDirection.Issued, "application/vc", Utf8("{\"b\":1}"))));
        Assert.Equal(PresentationReceiveOutcome.Received, await store.Presentations.ReceiveAsync(b, new PresentationRecord("urn:vp:shared", Utf8("{}"))));
        Assert.True((await store.TwinEvents.AppendAsync(b, "twin", 0, [Event("e")])).Succeeded);
        Assert.Equal(IdempotencyOutcome.Claimed, (await store.Idempotency.ClaimAsync(b, "idem", new byte[32])).Outcome);
        Assert.Equal(ChallengeOutcome.Consumed, await store.Challenges.ConsumeAsync(a, "nonce"));
        Assert.Equal(Utf8("{\"a\":1}"), (await store.Credentials.GetAsync(a, "urn:shared"))!.Content.ToArray());
    }

    [StoreFact]
    public async Task Writing_for_an_unknown_tenant_is_a_typed_error()
    {
        await using var store = await Harness.OpenAsync(Seed);
        var e = await Assert.ThrowsAsync<StoreException>(async () =>
            await store.Credentials.SaveAsync("no-such-tenant", new CredentialRecord("urn:x", CredentialDirection.Issued, "application/vc", Utf8("{}"))));
        Assert.Equal(StoreErrorKind.UnknownTenant, e.Kind);
        e = await Assert.ThrowsAsync<StoreException>(async () => await store.TwinEvents.AppendAsync("no-such-tenant", "s", 0, [Event("e")]));
        Assert.Equal(StoreErrorKind.UnknownTenant, e.Kind);
    }

    // ---- transactions ----

    [StoreFact]
    public async Task A_unit_of_work_commits_everything_at_once()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await using (var unit = await store.BeginAsync())
        {
            Assert.Equal(PresentationReceiveOutcome.Received, await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:u", Utf8("{}"))));
            await unit.Credentials.SaveAsync(tenant, new CredentialRecord("urn:c:u", CredentialDirection.Received, "application/vc", Utf8("{}")));
            // A refusal inside the unit leaves it usable.
            Assert.Equal(PresentationReceiveOutcome.Duplicate, await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:u", Utf8("{}"))));
            Assert.Equal(AppendOutcome.Conflict, (await unit.TwinEvents.AppendAsync(tenant, "t", 3, [Event("x")])).Outcome);
            Assert.True((await unit.TwinEvents.AppendAsync(tenant, "t", 0, [Event("e1")])).Succeeded);
            Assert.NotNull(await unit.Presentations.GetAsync(tenant, "urn:vp:u"));
            await unit.CommitAsync();
        }

        Assert.NotNull(await store.Presentations.GetAsync(tenant, "urn:vp:u"));
        Assert.NotNull(await store.Credentials.GetAsync(tenant, "urn:c:u"));
        Assert.Equal(1, await store.TwinEvents.GetVersionAsync(tenant, "t"));
    }

    [StoreFact]
    public async Task A_failing_write_leaves_no_partial_rows()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await using (var unit = await store.BeginAsync())
        {
            await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:half", Utf8("{}")));
            await unit.Credentials.SaveAsync(tenant, new CredentialRecord("urn:c:half", CredentialDirection.Received, "application/vc", Utf8("{}")));
            await unit.TwinEvents.AppendAsync(tenant, "half", 0, [Event("e1", "urn:half")]);
            var e = await Assert.ThrowsAsync<StoreException>(async () => await unit.Credentials.SaveAsync("no-such-tenant", new CredentialRecord("urn:c:x", CredentialDirection.Received, "application/vc", Utf8("{}"))));
            Assert.Equal(StoreErrorKind.UnknownTenant, e.Kind);
        }

        await using (var unit = await store.BeginAsync())
        {
            await unit.Presentations.ReceiveAsync(tenant, new PresentationRecord("urn:vp:rolled", Utf8("{}")));
            await unit.RollbackAsync();
        }

        // A batch with one invalid member is refused before anything is written.
        Assert.Throws<ArgumentException>(() => store.Credentials.SaveManyAsync(tenant,
            [new CredentialRecord("urn:c:ok", CredentialDirection.Issued, "application/vc", Utf8("{}")), new CredentialRecord("", CredentialDirection.Issued, "application/vc", Utf8("{}"))])
            .AsTask().GetAwaiter().GetResult());

        foreach (var table in new[] { "presentations", "credentials", "twin_events", "twin_subjects" })
        {
            Assert.Equal(0, await Harness.CountAsync($"SELECT COUNT(*) FROM {table} WHERE tenant_id = '{tenant}'"));
        }
    }

    [StoreFact]
    public async Task Misuse_is_an_argument_error()
    {
        var (store, tenant) = await OpenWithTenantAsync();
        await using var _ = store;
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.Credentials.GetAsync(tenant, ""));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.Credentials.GetAsync(tenant, new string('x', 2049)));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TwinEvents.AppendAsync(tenant, "s", -1, [Event("e")]));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.TwinEvents.AppendAsync(tenant, "s", 0, []));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.StatusLists.CreateAsync(tenant, "l", "revocation", 7, 1));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.Idempotency.ClaimAsync(tenant, "k", ReadOnlyMemory<byte>.Empty));
    }

    // ---- migrations ----

    [StoreFact]
    public async Task Migrations_are_recorded_once_and_reopening_or_concurrent_opening_changes_nothing()
    {
        await using (await Harness.OpenAsync(Seed))
        {
        }

        var opened = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await Harness.OpenAsync(Seed))));
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        var known = Sql.SqlMigrator.Embedded(Harness.Provider).Count;
        Assert.True(known >= 1);
        Assert.Equal(known, await Harness.CountAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(known, await Harness.CountAsync("SELECT MAX(version) FROM schema_migrations"));
    }

    [StoreFact]
    public async Task A_changed_migration_is_refused()
    {
        await using (await Harness.OpenAsync(Seed))
        {
        }

        await Harness.CountAsync("UPDATE schema_migrations SET checksum = 'tampered' WHERE version = 1 RETURNING 1");
        try
        {
            var e = await Assert.ThrowsAsync<StoreException>(async () => await Harness.OpenAsync(Seed));
            Assert.Equal(StoreErrorKind.Migration, e.Kind);
        }
        finally
        {
            var embedded = Sql.SqlMigrator.Embedded(Harness.Provider)[0].Checksum;
            await Harness.CountAsync($"UPDATE schema_migrations SET checksum = '{embedded}' WHERE version = 1 RETURNING 1");
        }
    }
}
