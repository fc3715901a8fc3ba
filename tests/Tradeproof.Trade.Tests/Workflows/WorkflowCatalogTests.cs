using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Tests.Workflows;

/// <summary>The embedded traceability workflows load with their parties, steps and credential types.</summary>
public sealed class WorkflowCatalogTests
{
    private const string Tv = CredentialTypeIris.TraceabilityNamespace;
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.Default;

    [Fact]
    public void Every_traceability_workflow_is_embedded()
    {
        Assert.Equal(
            [
                Tv + "business-card-workflow",
                Tv + "cbp-ecommerce-apparel-tech-demo-2024",
                Tv + "cbp-ecommerce-pesticides-tech-demo-2024",
                Tv + "cbp-steel-tech-demo-2023",
                Tv + "import-intention",
                Tv + "us-cbp-entry",
                Tv + "us-cbp-import-security-filing",
                Tv + "us-sima-steel-import-license",
                Tv + "us-steel-import-classification",
            ],
            Catalog.Definitions.Select(d => d.Id));
    }

    [Theory]
    [InlineData("us-cbp-entry", "Importer|CBP", "CBP3461EntryCredential|CommercialInvoiceCredential|PackingListCredential|MultiModalBillOfLadingCredential|CBP7501EntrySummaryCredential")]
    [InlineData("us-cbp-import-security-filing", "Importer|Carrier|CBP", "ImporterSecurityFilingCredential")]
    [InlineData("import-intention", "Importer of Record|US Customs and Border Protection", "IntentToImportCredential")]
    [InlineData("us-sima-steel-import-license", "Importer|SIMA|CBP", "SIMASteelImportLicenseApplicationCredential|SIMASteelImportLicenseCredential")]
    [InlineData("us-steel-import-classification", "Manufacturer|Importer|CBP", "MillTestReportCredential")]
    [InlineData("cbp-steel-tech-demo-2023", "Steel Buyer|Steel Producer|Customs Broker|SIMA|Road Carrier|CBP", "PurchaseOrderCredential|IntentToImportCredential|CTPATCertificate|CommercialInvoiceCredential|MillTestReportCredential|SIMASteelImportLicenseCredential|EntryNumberCredential|MultiModalBillOfLadingCredential")]
    [InlineData("cbp-ecommerce-apparel-tech-demo-2024", "GS1 Global Office|GS1 US|Brand Owner|Online Seller|Fulfillment|Logistics Provider|Customs and Border Protection", "GS1PrefixLicenseCredential|GS1CompanyPrefixLicenseCredential|GS1KeyCredential|GS1OrganizationDataCredential|GS1DataCredential|IntellectualPropertyRightsCredential|IntellectualPropertyRightsLicenseCredential|CommercialInvoiceCredential|EntryNumberCredential|PackingListCredential|MultiModalBillOfLadingCredential")]
    [InlineData("cbp-ecommerce-pesticides-tech-demo-2024", "GS1 Global Office|GS1 US|Registrant|Manufacturer|Online Seller|Customs Broker|Courier|Customs and Border Protection|Environmental Protection Agency", "GS1PrefixLicenseCredential|GS1CompanyPrefixLicenseCredential|GS1KeyCredential|GS1OrganizationDataCredential|GS1DataCredential|EPARegisteredPesticideCredential|EPAProducerEstablishmentCredential|CommercialInvoiceCredential|IntentToImport|EPAForm3540-1|EntryNumberCredential|PGAShipmentStatusCredential|PackingListCredential|MultiModalBillOfLadingCredential")]
    [InlineData("business-card-workflow", "Alice|Bob", "VerifiableBusinessCard")]
    public void A_workflow_has_its_parties_and_required_credential_types(string shortName, string parties, string types)
    {
        var workflow = Catalog.Find(shortName);
        Assert.NotNull(workflow);
        Assert.Equal(parties.Split('|'), workflow.Parties.Select(p => p.Name));
        Assert.Equal(types.Split('|').Select(t => Tv + t), workflow.RequiredCredentials.Select(c => c.Id));
    }

    [Fact]
    public void Every_step_credential_resolves_to_a_type_and_every_required_type_is_issued_or_presented_in_a_step()
    {
        foreach (var workflow in Catalog.Definitions)
        {
            var unresolved = workflow.Steps.SelectMany(s => s.Credentials).Where(c => c.TypeId is null).Select(c => c.Label).ToList();
            Assert.True(unresolved.Count == 0, $"{workflow.ShortName}: unresolved step credentials {string.Join(", ", unresolved)}");
            var inSteps = workflow.Steps.SelectMany(s => s.Credentials).Select(c => c.TypeId).ToHashSet();
            var notInSteps = workflow.RequiredCredentials.Where(r => !inSteps.Contains(r.Id)).Select(r => r.Id).ToList();
            Assert.True(notInSteps.Count == 0, $"{workflow.ShortName}: required types no step names: {string.Join(", ", notInSteps)}");
        }
    }

    [Fact]
    public void The_us_cbp_entry_steps_are_read_in_order_with_kinds_parties_and_types()
    {
        var workflow = Catalog.Find(Tv + "us-cbp-entry")!;
        Assert.Equal(11, workflow.Steps.Count);
        Assert.Equal("US CBP Entry", workflow.Title);
        Assert.Contains("Steel", workflow.Tags);

        var first = workflow.Steps[0];
        Assert.Equal((1, WorkflowStepKind.Issue, "Importer", "Importer"), (first.Number, first.Kind, first.From.Name, first.To.Name));
        Assert.Equal(Tv + "IntentToImportCredential", Assert.Single(first.Credentials).TypeId);

        var entry = workflow.Steps[3];
        Assert.Equal((WorkflowStepKind.Present, "Importer", "CBP"), (entry.Kind, entry.From.Name, entry.To.Name));
        Assert.Equal("CBP Form 3461 - Entry/Immediate Delivery Credential", Assert.Single(entry.Credentials).Label);
        Assert.Equal(Tv + "CBP3461EntryCredential", entry.Credentials[0].TypeId);

        var status = workflow.Steps[8];
        Assert.Equal((WorkflowStepKind.Present, "CBP", "Importer"), (status.Kind, status.From.Name, status.To.Name));
        Assert.Equal(Tv + "PGAShipmentStatusCredential", status.Credentials[0].TypeId);
        Assert.Equal(["Within 15 days of shipment arrival", "Within 10 days of customs release"], workflow.Notes);
    }

    [Fact]
    public void A_step_presenting_several_credentials_names_each_and_a_message_that_is_neither_is_other()
    {
        var apparel = Catalog.Find("cbp-ecommerce-apparel-tech-demo-2024")!;
        var bundle = apparel.Steps.First(s => s.Kind == WorkflowStepKind.Present && s.Credentials.Count == 3);
        Assert.Equal(["Company Prefix License", "Key Credential (GLN)", "Org Data Credential"], bundle.Credentials.Select(c => c.Label));
        Assert.Equal([Tv + "GS1CompanyPrefixLicenseCredential", Tv + "GS1KeyCredential", Tv + "GS1OrganizationDataCredential"], bundle.Credentials.Select(c => c.TypeId));

        var isf = Catalog.Find("us-cbp-import-security-filing")!;
        var stowPlan = isf.Steps[^1];
        Assert.Equal((WorkflowStepKind.Other, "Carrier", "CBP"), (stowPlan.Kind, stowPlan.From.Name, stowPlan.To.Name));
        Assert.Empty(stowPlan.Credentials);
    }

    [Fact]
    public void Find_takes_the_iri_or_the_short_name_and_returns_null_for_unknown()
    {
        Assert.Same(Catalog.Find(Tv + "us-cbp-entry"), Catalog.Find("US-CBP-ENTRY"));
        Assert.Null(Catalog.Find("no-such-workflow"));
        Assert.Null(Catalog.Find(Tv + "us-cbp-entr"));
    }

    [Fact]
    public void A_definition_that_is_not_one_is_refused_with_a_typed_error()
    {
        Assert.Throws<WorkflowFormatException>(() => Load("[]"));
        Assert.Throws<WorkflowFormatException>(() => Load("{"));
        Assert.Throws<WorkflowFormatException>(() => Load("""{"id": "not an iri", "title": "t", "credentials": [], "mermaid": "sequenceDiagram"}"""));
        Assert.Throws<WorkflowFormatException>(() => Load("""{"id": "urn:x:1", "title": "t", "credentials": {}, "mermaid": "sequenceDiagram"}"""));
        Assert.Throws<WorkflowFormatException>(() => Load("""{"id": "urn:x:1", "title": "t", "credentials": [], "mermaid": "graph TD"}"""));
        Assert.Throws<WorkflowFormatException>(() => Load("""{"id": "urn:x:1", "credentials": [], "mermaid": "sequenceDiagram"}"""));
        Assert.Throws<WorkflowFormatException>(() => Load("""{"id": "urn:x:1", "title": "t", "credentials": [{"id": "urn:t:1", "name": "a"}, {"id": "urn:t:1", "name": "b"}], "mermaid": "sequenceDiagram"}"""));
        var minimal = """{"id": "urn:x:1", "title": "t", "credentials": [], "mermaid": "sequenceDiagram"}""";
        Assert.Throws<WorkflowFormatException>(() => WorkflowCatalog.Load([Utf8(minimal), Utf8(minimal)]));
    }

    [Fact]
    public void Step_names_resolve_through_the_definition_list_then_the_aliases_given()
    {
        var json = """
            {"id": "urn:x:1", "title": "t", "credentials": [{"id": "urn:t:invoice", "name": "Commercial Invoice"}],
             "mermaid": "sequenceDiagram\n participant A as Seller\n A-->>A: issue Commercial Invoice Credential, Proforma\n A->>B: 2. present Mystery Paper"}
            """;
        var catalog = WorkflowCatalog.Load([Utf8(json)], new Dictionary<string, string> { ["Proforma Invoice Credential"] = "urn:t:proforma" });
        var workflow = Assert.Single(catalog.Definitions);
        Assert.Equal(["urn:t:invoice", null], workflow.Steps[0].Credentials.Select(c => c.TypeId));
        Assert.Equal("B", workflow.Steps[1].To.Name);
        Assert.Null(Assert.Single(workflow.Steps[1].Credentials).TypeId);

        var aliased = """{"id": "urn:x:2", "title": "t", "credentials": [], "mermaid": "sequenceDiagram\n A-->>A: issue Proforma Invoice"}""";
        Assert.Equal("urn:t:proforma", WorkflowCatalog.Load([Utf8(aliased)], new Dictionary<string, string> { ["Proforma Invoice Credential"] = "urn:t:proforma" }).Definitions[0].Steps[0].Credentials[0].TypeId);
    }

    [Theory]
    [InlineData("Bill Of Lading Credential", "billoflading")]
    [InlineData("Bill of Lading", "billoflading")]
    [InlineData("Key Credential (GLN)", "key")]
    [InlineData("MillTestReportCredential", "milltestreport")]
    [InlineData("EPA Form 3540-1 Pesticides Notice of Arrival", "epaform35401pesticidesnoticeofarrival")]
    public void Names_compare_by_their_key(string name, string key) => Assert.Equal(key, WorkflowStepText.NameKey(name));

    [Theory]
    [InlineData("(1) issue Mill Test Report Credential", WorkflowStepKind.Issue, "Mill Test Report Credential")]
    [InlineData("11. present CBP Form 7501 - Entry Summary Credential", WorkflowStepKind.Present, "CBP Form 7501 - Entry Summary Credential")]
    [InlineData("present A, B ,C", WorkflowStepKind.Present, "A|B|C")]
    [InlineData("(5) Vessel Stow Plan and Contaier Status Message", WorkflowStepKind.Other, "")]
    [InlineData("presenting nothing", WorkflowStepKind.Other, "")]
    public void Step_texts_give_a_kind_and_credential_names(string text, WorkflowStepKind kind, string names)
    {
        var (parsedKind, labels) = WorkflowStepText.Parse(text);
        Assert.Equal(kind, parsedKind);
        Assert.Equal(names.Length == 0 ? [] : names.Split('|'), labels);
    }

    private static WorkflowCatalog Load(string json) => WorkflowCatalog.Load([Utf8(json)]);

    private static ReadOnlyMemory<byte> Utf8(string json) => System.Text.Encoding.UTF8.GetBytes(json);
}
