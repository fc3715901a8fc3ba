using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Tests.Workflows;

/// <summary>The progress of a workflow instance from the presentations received for it.</summary>
public sealed class WorkflowProgressTests
{
    private const string Tv = CredentialTypeIris.TraceabilityNamespace;
    private const string Instance = "urn:uuid:5f0c7a6e-3c1d-4e55-9a3e-2b1d0c9e8f70";
    private const string Importer = "did:web:importer.example";
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowDefinition Entry = WorkflowCatalog.Default.Find("us-cbp-entry")!;

    [Fact]
    public void A_partial_instance_says_what_is_present_from_whom_and_when_what_is_missing_and_what_is_next()
    {
        var progress = WorkflowProgressTracker.Evaluate(Entry, Instance,
        [
            Presentation("urn:uuid:p1", Importer, Day, Credential("urn:uuid:c1", "IntentToImportCredential", Importer)),
            Presentation("urn:uuid:p2", Importer, Day.AddHours(2),
                Credential("urn:uuid:c2", "CommercialInvoiceCredential", "did:web:seller.example"),
                Credential("urn:uuid:c3", "PackingListCredential", "did:web:seller.example")),
        ]);

        Assert.False(progress.IsComplete);
        Assert.Equal([Tv + "CommercialInvoiceCredential", Tv + "PackingListCredential"], progress.Present.Select(p => p.TypeId));
        var invoice = progress.Present[0];
        Assert.Equal(("urn:uuid:c2", "did:web:seller.example", "urn:uuid:p2", Importer, Day.AddHours(2)), (invoice.CredentialId, invoice.Issuer, invoice.PresentationId, invoice.Holder, invoice.ReceivedAt));
        Assert.Equal([Tv + "CBP3461EntryCredential", Tv + "MultiModalBillOfLadingCredential", Tv + "CBP7501EntrySummaryCredential"], progress.Missing.Select(m => m.Id));

        // Steps 2 (intent to import), 5 and 6 are done; step 4 (the 3461 entry) is next.
        Assert.Equal([2, 5, 6], progress.Steps.Where(s => s.Done).Select(s => s.Step.Number));
        Assert.Equal(4, progress.Next!.Number);
        Assert.Equal("urn:uuid:p1", progress.Steps[0].PresentationId);
        Assert.Empty(progress.Ignored);
        Assert.Empty(progress.Unexpected);
    }

    [Fact]
    public void An_instance_with_every_required_type_is_complete()
    {
        var progress = WorkflowProgressTracker.Evaluate(Entry, Instance,
        [
            Presentation("urn:uuid:p1", Importer, Day,
                Credential("urn:uuid:c1", "CBP3461EntryCredential", Importer),
                Credential("urn:uuid:c2", "CommercialInvoiceCredential", "did:web:seller.example"),
                Credential("urn:uuid:c3", "PackingListCredential", "did:web:seller.example"),
                Credential("urn:uuid:c4", Tv + "MultiModalBillOfLadingCredential", "did:web:carrier.example")),
            Presentation("urn:uuid:p2", Importer, Day.AddDays(12), Credential("urn:uuid:c5", "CBP7501EntrySummaryCredential", Importer)),
        ]);

        Assert.True(progress.IsComplete);
        Assert.Empty(progress.Missing);
        Assert.Equal(5, progress.Present.Count);
        Assert.Equal("did:web:carrier.example", progress.Present.Single(p => p.TypeId == Tv + "MultiModalBillOfLadingCredential").Issuer);
    }

    [Fact]
    public void Presentations_of_another_workflow_or_instance_do_not_count()
    {
        var progress = WorkflowProgressTracker.Evaluate(Entry, Instance,
        [
            Presentation("urn:uuid:p1", Importer, Day, [Tv + "import-intention"], [Instance], Credential("urn:uuid:c1", "CommercialInvoiceCredential", Importer)),
            Presentation("urn:uuid:p2", Importer, Day, [Entry.Id], ["urn:uuid:other-instance"], Credential("urn:uuid:c2", "PackingListCredential", Importer)),
            Presentation("urn:uuid:p3", Importer, Day, [Tv + "import-intention", Entry.Id], ["urn:uuid:other-instance", Instance], Credential("urn:uuid:c3", "CBP3461EntryCredential", Importer)),
        ]);

        Assert.Equal([new IgnoredPresentation("urn:uuid:p1", IgnoredReason.OtherWorkflow), new IgnoredPresentation("urn:uuid:p2", IgnoredReason.OtherInstance)], progress.Ignored);
        Assert.Equal([Tv + "CBP3461EntryCredential"], progress.Present.Select(p => p.TypeId));
        Assert.Contains(progress.Missing, m => m.Id == Tv + "CommercialInvoiceCredential");
        Assert.Contains(progress.Missing, m => m.Id == Tv + "PackingListCredential");
    }

    [Fact]
    public void A_credential_of_a_type_the_workflow_does_not_name_is_unexpected_and_satisfies_nothing()
    {
        var progress = WorkflowProgressTracker.Evaluate(Entry, Instance,
        [
            Presentation("urn:uuid:p1", Importer, Day,
                Credential("urn:uuid:c1", "MillTestReportCredential", "did:web:mill.example"),
                Credential("urn:uuid:c2", "PackingListCredential", Importer)),
        ]);

        var unexpected = Assert.Single(progress.Unexpected);
        Assert.Equal(("urn:uuid:c1", "urn:uuid:p1"), (unexpected.CredentialId, unexpected.PresentationId));
        Assert.Equal([Tv + "PackingListCredential"], progress.Present.Select(p => p.TypeId));
        Assert.Equal(5 - 1, progress.Missing.Count);
    }

    [Fact]
    public void A_replaced_presentation_no_longer_counts()
    {
        var progress = WorkflowProgressTracker.Evaluate(Entry, Instance,
        [
            Presentation("urn:uuid:p1", Importer, Day, Credential("urn:uuid:c1", "CommercialInvoiceCredential", Importer), Credential("urn:uuid:c2", "PackingListCredential", Importer)),
            Presentation("urn:uuid:p2", Importer, Day.AddHours(1), Credential("urn:uuid:c3", "CommercialInvoiceCredential", Importer)) with { Replaces = "urn:uuid:p1" },
        ]);

        Assert.Equal(new IgnoredPresentation("urn:uuid:p1", IgnoredReason.Replaced), Assert.Single(progress.Ignored));
        Assert.Equal(["urn:uuid:c3"], progress.Present.Select(p => p.CredentialId));
        Assert.Contains(progress.Missing, m => m.Id == Tv + "PackingListCredential");
    }

    [Fact]
    public void For_a_receiver_only_the_steps_addressed_to_it_count()
    {
        var classification = WorkflowCatalog.Default.Find("us-steel-import-classification")!;
        var asCbp = new WorkflowProgressOptions { Receiver = "CBP" };
        var none = WorkflowProgressTracker.Evaluate(classification, Instance, [], asCbp);
        Assert.Equal("C", none.Receiver!.Alias);
        Assert.Equal(3, Assert.Single(none.Steps).Step.Number);
        Assert.Equal(3, none.Next!.Number);
        Assert.Equal([Tv + "MillTestReportCredential"], none.Missing.Select(m => m.Id));

        var done = WorkflowProgressTracker.Evaluate(classification, Instance,
            [Presentation("urn:uuid:p1", Importer, Day, [classification.Id], [Instance], Credential("urn:uuid:mtr", "MillTestReportCredential", "did:web:mill.example"))], asCbp);
        Assert.True(done.IsComplete);
        Assert.Null(done.Next);

        var entryAsImporter = WorkflowProgressTracker.Evaluate(Entry, Instance, [], new WorkflowProgressOptions { Receiver = "Importer" });
        Assert.Equal([Tv + "PGAShipmentStatusCredential"], entryAsImporter.Required.Select(r => r.Id));
        Assert.Throws<ArgumentException>(() => WorkflowProgressTracker.Evaluate(Entry, Instance, [], new WorkflowProgressOptions { Receiver = "Nobody" }));
    }

    [Fact]
    public void A_bound_party_step_is_only_done_by_a_presentation_from_its_did()
    {
        var classification = WorkflowCatalog.Default.Find("us-steel-import-classification")!;
        var options = new WorkflowProgressOptions { Receiver = "CBP", PartyBindings = new Dictionary<string, string> { ["Importer"] = Importer } };
        var fromOther = WorkflowProgressTracker.Evaluate(classification, Instance,
            [Presentation("urn:uuid:p1", "did:web:someone-else.example", Day, [classification.Id], [Instance], Credential("urn:uuid:mtr", "MillTestReportCredential", "did:web:mill.example"))], options);
        Assert.False(Assert.Single(fromOther.Steps).Done);
        Assert.True(fromOther.IsComplete); // the type is there; the step is not done by the party it names

        var fromImporter = WorkflowProgressTracker.Evaluate(classification, Instance,
            [Presentation("urn:uuid:p1", Importer, Day, [classification.Id], [Instance], Credential("urn:uuid:mtr", "MillTestReportCredential", "did:web:mill.example"))], options);
        Assert.True(Assert.Single(fromImporter.Steps).Done);
        Assert.Throws<ArgumentException>(() => WorkflowProgressTracker.Evaluate(classification, Instance, [], new WorkflowProgressOptions { PartyBindings = new Dictionary<string, string> { ["Nobody"] = Importer } }));
    }

    private static ReceivedCredential Credential(string id, string type, string issuer) => new(id, ["VerifiableCredential", type], issuer);

    private static ReceivedPresentation Presentation(string id, string holder, DateTimeOffset at, params ReceivedCredential[] credentials) =>
        Presentation(id, holder, at, [Entry.Id], [Instance], credentials);

    private static ReceivedPresentation Presentation(string id, string holder, DateTimeOffset at, string[] definitions, string[] instances, params ReceivedCredential[] credentials) =>
        new(id, holder, definitions, instances, at, credentials);
}
