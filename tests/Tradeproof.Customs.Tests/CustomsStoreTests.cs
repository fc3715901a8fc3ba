using System.Text;
using Tradeproof.Storage;

namespace Tradeproof.Customs.Tests;

/// <summary>The customs records of the store, on SQLite and on PostgreSQL (the store tests' private cluster; CI=true fails without it).</summary>
public sealed class CustomsStoreTests
{
    private static FixedClock Clock => CustomsTestStores.Clock;

    private static Task<ITradeproofStore?> OpenAsync(string provider) => CustomsTestStores.OpenAsync(provider, "customs");

    // A store with the tenants cbp and fda (the outbox tests), or null where PostgreSQL is missing outside CI.
    private static async Task<ITradeproofStore?> OpenWithCbpAndFdaAsync(string provider)
    {
        var store = await OpenAsync(provider);
        if (store is not null)
        {
            await store.Tenants.CreateAsync(new TenantRecord("cbp", "CBP"));
            await store.Tenants.CreateAsync(new TenantRecord("fda", "FDA"));
        }

        return store;
    }

    [Theory]
    [MemberData(nameof(CustomsTestStores.Providers), MemberType = typeof(CustomsTestStores))]
    public async Task Documents_are_versioned_and_a_stale_edit_writes_nothing(string provider)
    {
        await using var store = await OpenAsync(provider);
        if (store is null)
        {
            return; // PostgreSQL missing outside CI: the reason is printed by the store tests
        }

        await store.Tenants.CreateAsync(new TenantRecord("cbp", "CBP"));
        Assert.Null(await store.Customs.GetDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry));
        Assert.True(await store.Customs.SaveDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry, 0, "v1"u8.ToArray()));
        Assert.True(await store.Customs.SaveDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry, 1, "v2"u8.ToArray()));
        Assert.False(await store.Customs.SaveDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry, 1, "stale"u8.ToArray()));
        var latest = await store.Customs.GetDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry);
        Assert.Equal(2, latest!.Version);
        Assert.Equal("v2", Encoding.UTF8.GetString(latest.Content));
        Assert.Equal("v1", Encoding.UTF8.GetString((await store.Customs.GetDocumentAsync("cbp", CustomsDocumentKinds.TrustRegistry, 1))!.Content));
        Assert.Null(await store.Customs.GetDocumentAsync("cbp", CustomsDocumentKinds.AgencyRoutes));

        await store.Customs.SaveFilingAsync("cbp", new CustomsFilingRecord("urn:uuid:f1", "did:web:broker", "hold-for-agency-review", "{}"));
        await store.Customs.SaveFilingAsync("cbp", new CustomsFilingRecord("urn:uuid:f1", "did:web:broker", "may-proceed", "{\"a\":1}"));
        var filing = await store.Customs.GetFilingAsync("cbp", "urn:uuid:f1");
        Assert.Equal("may-proceed", filing!.Status);
        await Assert.ThrowsAsync<StoreException>(async () => await store.Customs.SaveFilingAsync("cbp", new CustomsFilingRecord("urn:uuid:f2", null, "maybe", "{}")));
    }

    [Theory]
    [MemberData(nameof(CustomsTestStores.Providers), MemberType = typeof(CustomsTestStores))]
    public async Task The_outbox_delivers_at_least_once_retries_when_due_and_gives_up(string provider)
    {
        await using var store = await OpenWithCbpAndFdaAsync(provider);
        if (store is null)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        Assert.True(await store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord("urn:uuid:m1", "provisional-message", "did:web:broker", "urn:uuid:f1", "may-proceed", "[]"u8.ToArray(), NextAttemptAt: now)));
        Assert.False(await store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord("urn:uuid:m1", "provisional-message", "did:web:broker", null, null, "[]"u8.ToArray(), NextAttemptAt: now)));
        Assert.True(await store.Customs.EnqueueAsync("fda", new OutboxMessageRecord("urn:uuid:m2", "pga-status", "did:web:cbp", "urn:uuid:f1", "O7", "[]"u8.ToArray(), NextAttemptAt: now.AddSeconds(10))));

        var due = await store.Customs.DueAsync(now, 10);
        Assert.Equal("urn:uuid:m1", Assert.Single(due).Message.Id);
        Assert.Equal(now, await store.Customs.NextDueAsync());

        Assert.True(await store.Customs.MarkAttemptFailedAsync("cbp", "urn:uuid:m1", "connection refused", now.AddSeconds(1)));
        Assert.Empty(await store.Customs.DueAsync(now, 10));
        Assert.Equal(2, (await store.Customs.DueAsync(now.AddSeconds(10), 10)).Count);
        Assert.True(await store.Customs.MarkDeliveredAsync("cbp", "urn:uuid:m1"));
        Assert.False(await store.Customs.MarkDeliveredAsync("cbp", "urn:uuid:m1"));
        var delivered = await store.Customs.GetMessageAsync("cbp", "urn:uuid:m1");
        Assert.Equal(OutboxStates.Delivered, delivered!.State);
        Assert.Equal(1, delivered.Attempts);
        Assert.NotNull(delivered.DeliveredAt);

        Assert.True(await store.Customs.MarkAttemptFailedAsync("fda", "urn:uuid:m2", "gone", null));
        Assert.Equal(OutboxStates.Failed, (await store.Customs.GetMessageAsync("fda", "urn:uuid:m2"))!.State);
        Assert.Null(await store.Customs.NextDueAsync());

        Assert.Single(await store.Customs.ListMessagesAsync("cbp"));
        Assert.Single(await store.Customs.ListMessagesAsync("cbp", filing: "urn:uuid:f1"));
        Assert.Empty(await store.Customs.ListMessagesAsync("cbp", kind: "g2g"));
        Assert.Empty(await store.Customs.ListMessagesAsync("fda", filing: "urn:uuid:other"));
        Assert.Equal("urn:uuid:m1", Assert.Single(await store.Customs.ListMessagesAsync("cbp", state: OutboxStates.Delivered)).Id);
        Assert.Empty(await store.Customs.ListMessagesAsync("cbp", state: OutboxStates.Failed));
        Assert.Equal("urn:uuid:m2", Assert.Single(await store.Customs.ListMessagesAsync("fda", kind: "pga-status", limit: 1, state: OutboxStates.Failed)).Id);
        Assert.Empty(await store.Customs.ListMessagesAsync("fda", state: OutboxStates.Pending));
    }

    [Theory]
    [MemberData(nameof(CustomsTestStores.Providers), MemberType = typeof(CustomsTestStores))]
    public async Task The_outbox_pages_newest_first_by_sequence_with_and_without_a_state(string provider)
    {
        await using var store = await OpenWithCbpAndFdaAsync(provider);
        if (store is null)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        for (var i = 0; i < 7; i++)
        {
            Assert.True(await store.Customs.EnqueueAsync(i == 3 ? "fda" : "cbp", new OutboxMessageRecord($"urn:uuid:p{i}", "g2g", "did:web:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: now)));
        }

        Assert.True(await store.Customs.MarkAttemptFailedAsync("cbp", "urn:uuid:p1", "gone", null));
        Assert.True(await store.Customs.MarkAttemptFailedAsync("cbp", "urn:uuid:p5", "gone", null));

        // Every cbp message once, newest first, in pages of 2 (the fda one never).
        var seen = new List<string>();
        long? before = null;
        while (true)
        {
            var page = await store.Customs.ListMessagesAsync("cbp", limit: 2, before: before);
            seen.AddRange(page.Select(m => m.Id));
            Assert.True(page.Zip(page.Skip(1)).All(p => p.First.Sequence > p.Second.Sequence));
            if (page.Count < 2)
            {
                break;
            }

            before = page[^1].Sequence;
        }

        Assert.Equal(["urn:uuid:p6", "urn:uuid:p5", "urn:uuid:p4", "urn:uuid:p2", "urn:uuid:p1", "urn:uuid:p0"], seen);
        var failed = await store.Customs.ListMessagesAsync("cbp", state: OutboxStates.Failed, limit: 1);
        Assert.Equal("urn:uuid:p5", Assert.Single(failed).Id);
        Assert.Equal("urn:uuid:p1", Assert.Single(await store.Customs.ListMessagesAsync("cbp", state: OutboxStates.Failed, limit: 1, before: failed[0].Sequence)).Id);
        Assert.Equal((await store.Customs.GetMessageAsync("cbp", "urn:uuid:p5"))!.Sequence, failed[0].Sequence);
        Assert.Empty(await store.Customs.ListMessagesAsync("cbp", before: 1));
    }

    [Theory]
    [MemberData(nameof(CustomsTestStores.Providers), MemberType = typeof(CustomsTestStores))]
    public async Task Only_a_given_up_message_is_queued_again_with_attempts_from_zero(string provider)
    {
        await using var store = await OpenAsync(provider);
        if (store is null)
        {
            return;
        }

        await store.Tenants.CreateAsync(new TenantRecord("cbp", "CBP"));
        var now = Clock.GetUtcNow();
        Assert.True(await store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord("urn:uuid:g1", "g2g", "did:web:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: now)));
        Assert.True(await store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord("urn:uuid:g2", "g2g", "did:web:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: now)));
        Assert.True(await store.Customs.MarkAttemptFailedAsync("cbp", "urn:uuid:g1", "503", now.AddSeconds(1)));
        Assert.True(await store.Customs.MarkAttemptFailedAsync("cbp", "urn:uuid:g1", "Refused by the recipient (422)", null));

        // Pending (g2) or unknown: nothing written.
        Assert.False(await store.Customs.RequeueAsync("cbp", "urn:uuid:g2", "again", now));
        Assert.False(await store.Customs.RequeueAsync("cbp", "urn:uuid:none", "again", now));
        Assert.False(await store.Customs.RequeueAsync("fda", "urn:uuid:g1", "again", now));
        Assert.Equal(now, await store.Customs.NextDueAsync());

        var later = now.AddMinutes(5);
        Assert.True(await store.Customs.RequeueAsync("cbp", "urn:uuid:g1", "Re-sent; given up after 2 attempt(s): Refused by the recipient (422)", later));
        var requeued = await store.Customs.GetMessageAsync("cbp", "urn:uuid:g1");
        Assert.Equal(OutboxStates.Pending, requeued!.State);
        Assert.Equal(0, requeued.Attempts);
        Assert.Equal(later, requeued.NextAttemptAt);
        Assert.Equal("Re-sent; given up after 2 attempt(s): Refused by the recipient (422)", requeued.LastError);
        Assert.Contains(await store.Customs.DueAsync(later, 10), m => m.Message.Id == "urn:uuid:g1");
        Assert.False(await store.Customs.RequeueAsync("cbp", "urn:uuid:g1", "twice", later));

        // Delivered is final: not queued again.
        Assert.True(await store.Customs.MarkDeliveredAsync("cbp", "urn:uuid:g1"));
        Assert.False(await store.Customs.RequeueAsync("cbp", "urn:uuid:g1", "again", later));
        Assert.Equal(OutboxStates.Delivered, (await store.Customs.GetMessageAsync("cbp", "urn:uuid:g1"))!.State);
    }
}
