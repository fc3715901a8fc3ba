using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Workflows;
using static Tradeproof.Trade.Tests.Presentations.PresentationFixture;

namespace Tradeproof.Trade.Tests.Presentations;

/// <summary>The in-memory inbox: one id per tenant, and the rules of replace.</summary>
public sealed class TraceablePresentationInboxTests : IDisposable
{
    private const string Cbp = "cbp";
    private const string P1 = "urn:uuid:00000000-0000-4000-8000-000000000001";
    private const string P2 = "urn:uuid:00000000-0000-4000-8000-000000000002";
    private const string P3 = "urn:uuid:00000000-0000-4000-8000-000000000003";
    private readonly PresentationFixture _f = new();
    private readonly InMemoryTraceablePresentationInbox _inbox = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_repeated_id_is_refused_per_tenant()
    {
        var presentation = Parse(_f.Build(_f.Importer, [], id: P1));
        Assert.True((await _inbox.AcceptAsync(Cbp, presentation, Now)).Accepted);
        Assert.Equal(InboxOutcome.DuplicateId, (await _inbox.AcceptAsync(Cbp, presentation, Now.AddMinutes(1))).Outcome);
        Assert.Equal(InboxOutcome.DuplicateId, (await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Carrier, [], id: P1)), Now)).Outcome);
        Assert.True((await _inbox.AcceptAsync("fda", presentation, Now)).Accepted);
        Assert.Equal(Now, (await _inbox.FindAsync(Cbp, P1))!.ReceivedAt);
    }

    [Fact]
    public async Task Replace_must_name_a_known_presentation_of_the_same_holder_and_instance()
    {
        Assert.True((await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [], id: P1)), Now)).Accepted);

        var unknown = await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [], id: P2, replace: P3)), Now);
        Assert.Equal(InboxOutcome.ReplaceTargetUnknown, unknown.Outcome);
        Assert.Contains(P3, unknown.Detail, StringComparison.Ordinal);

        Assert.Equal(InboxOutcome.ReplaceOtherHolder, (await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Carrier, [], id: P2, replace: P1)), Now)).Outcome);
        Assert.Equal(InboxOutcome.ReplaceOtherInstance, (await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [], id: P2, replace: P1, instance: "urn:uuid:99999999-9999-4999-8999-999999999999")), Now)).Outcome);

        // Refusals changed nothing: P2 was never stored and P1 is still the latest.
        Assert.Null(await _inbox.FindAsync(Cbp, P2));
        Assert.Null((await _inbox.FindAsync(Cbp, P1))!.ReplacedBy);
        Assert.Equal(InboxOutcome.ReplaceTargetUnknown, (await _inbox.AcceptAsync("fda", Parse(_f.Build(_f.Importer, [], id: P2, replace: P1)), Now)).Outcome);
    }

    [Fact]
    public async Task A_chain_of_replacements_resolves_to_the_latest_and_only_the_latest_may_be_replaced()
    {
        var invoice = _f.Issue(_f.Seller, "CommercialInvoiceCredential", _f.Importer.Did, "ecdsa-rdfc-2019");
        var packingList = _f.Issue(_f.Seller, "PackingListCredential", _f.Importer.Did, "ecdsa-rdfc-2019");
        Assert.True((await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [invoice, packingList], id: P1)), Now)).Accepted);
        Assert.True((await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [invoice], id: P2, replace: P1)), Now.AddHours(1))).Accepted);
        Assert.Equal(InboxOutcome.ReplaceTargetSuperseded, (await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [], id: P3, replace: P1)), Now)).Outcome);
        Assert.True((await _inbox.AcceptAsync(Cbp, Parse(_f.Build(_f.Importer, [invoice, packingList], id: P3, replace: P2)), Now.AddHours(2))).Accepted);

        Assert.Equal(P3, (await PresentationReplacement.ResolveLatestAsync(_inbox, Cbp, P1))!.Id);
        Assert.Equal(P3, (await PresentationReplacement.ResolveLatestAsync(_inbox, Cbp, P3))!.Id);
        Assert.Null(await PresentationReplacement.ResolveLatestAsync(_inbox, Cbp, "urn:uuid:00000000-0000-4000-8000-00000000000f"));
        Assert.Equal(P2, (await _inbox.FindAsync(Cbp, P1))!.ReplacedBy);

        // Progress counts only the latest of the chain.
        var stored = await _inbox.ListInstanceAsync(Cbp, Instance);
        Assert.Equal([P1, P2, P3], stored.Select(s => s.Id));
        var progress = WorkflowProgressTracker.Evaluate(WorkflowCatalog.Default.Find(EntryWorkflow)!, Instance, stored.Select(s => s.ToReceived()));
        Assert.Equal([P1, P2], progress.Ignored.Select(i => i.PresentationId));
        Assert.All(progress.Present, p => Assert.Equal(P3, p.PresentationId));
        Assert.Equal(2, progress.Present.Count);
        Assert.Empty(await _inbox.ListInstanceAsync(Cbp, "urn:uuid:99999999-9999-4999-8999-999999999999"));
    }
}
