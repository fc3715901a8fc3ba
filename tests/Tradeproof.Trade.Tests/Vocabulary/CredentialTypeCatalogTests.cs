using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Trade.Tests.Vocabulary;

/// <summary>Behaviour: the catalogue's contents, lookups, and the refusal of bad credentials with a JSON Pointer per violation.</summary>
public sealed class CredentialTypeCatalogTests
{
    private static CredentialTypeCatalog Catalog => CredentialTypeCatalog.Default;

    [Fact]
    public void Holds_the_84_traceability_types_and_our_7()
    {
        Assert.Equal(84, Catalog.Types.Count(t => t.Source == CredentialTypeSource.Traceability));
        Assert.Equal(
            ["AEOCertificateCredential", "CustodyTransferCredential", "ExportDeclarationCredential", "InBondMovementCredential", "MeterReadingCredential", "ProvisionalMessageCredential", "SensorReadingCredential"],
            Catalog.Types.Where(t => t.Source == CredentialTypeSource.Tradeproof).Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal(Catalog.Types.Count, Catalog.Types.Select(t => t.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("MillTestReportCredential")]
    [InlineData("USMCACertificationOfOrigin")]
    [InlineData("CommercialInvoiceCredential")]
    [InlineData("PackingListCredential")]
    [InlineData("BillOfLadingCredential")]
    [InlineData("MultiModalBillOfLadingCredential")]
    [InlineData("SIMASteelImportLicenseCredential")]
    [InlineData("OilAndGasProductCredential")]
    [InlineData("OilAndGasDeliveryTicketCredential")]
    [InlineData("DeliveryStatementCredential")]
    [InlineData("FSMAGrowingCTECredential")]
    [InlineData("FSMAShippingCTECredential")]
    [InlineData("FSMAReceivingCTECredential")]
    [InlineData("FSMATransformingCTECredential")]
    [InlineData("FoodFacilityRegistrationCredential")]
    [InlineData("PhytosanitaryCredential")]
    [InlineData("CBPEntryType86Credential")]
    [InlineData("CBPSection321DeMinimisCredential")]
    [InlineData("GS1PrefixLicenseCredential")]
    [InlineData("IntellectualPropertyRightsLicenseCredential")]
    [InlineData("CTPATCertificate")]
    [InlineData("IntentToImportCredential")]
    [InlineData("CBP3461EntryCredential")]
    [InlineData("CBP7501EntrySummaryCredential")]
    [InlineData("PGAShipmentStatusCredential")]
    public void Has_every_type_issue_6_asks_for_with_a_schema_and_an_example(string name)
    {
        var type = Catalog.Find(name);
        Assert.NotNull(type);
        Assert.Equal(CredentialTypeSource.Traceability, type.Source);
        Assert.StartsWith("https://w3id.org/traceability", type.Iri, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(type.Description));
        Assert.Equal(JsonValueKind.Object, type.Example.ValueKind);
        Assert.NotNull(type.Schema);
    }

    [Fact]
    public void Finds_a_type_by_name_or_IRI_and_nothing_else()
    {
        var byName = Catalog.Find("MillTestReportCredential");
        Assert.NotNull(byName);
        Assert.Equal("https://w3id.org/traceability#MillTestReportCredential", byName.Iri);
        Assert.Same(byName, Catalog.Find("https://w3id.org/traceability#MillTestReportCredential"));
        Assert.Same(Catalog.Find("CustodyTransferCredential"), Catalog.Find(TradeContext.VocabularyIri + "CustodyTransferCredential"));
        Assert.Null(Catalog.Find("milltestreportcredential"));
        Assert.False(Catalog.TryFind("NoSuchCredential", out _));
    }

    [Fact]
    public void Assigns_test_areas_from_upstream_tags_and_our_index()
    {
        Assert.Contains(TradeTestArea.Steel, Catalog.Find("MillTestReportCredential")!.TestAreas);
        Assert.Equal([TradeTestArea.PipelineOil, TradeTestArea.NaturalGas], Catalog.Find("OilAndGasDeliveryTicketCredential")!.TestAreas.Where(a => a is TradeTestArea.PipelineOil or TradeTestArea.NaturalGas));
        Assert.Contains(TradeTestArea.Food, Catalog.Find("FSMAShippingCTECredential")!.TestAreas);
        Assert.Contains(TradeTestArea.ECommerce, Catalog.Find("CBPSection321DeMinimisCredential")!.TestAreas);
        Assert.Equal([TradeTestArea.PipelineOil, TradeTestArea.NaturalGas], Catalog.Find("MeterReadingCredential")!.TestAreas);
        Assert.Contains(Catalog.Find("SensorReadingCredential")!, Catalog.InTestArea(TradeTestArea.Food));
        foreach (var area in Enum.GetValues<TradeTestArea>())
        {
            Assert.True(Catalog.InTestArea(area).Count() >= 5, area.ToString());
        }
    }

    [Fact]
    public void Lists_required_properties_of_the_credential_and_its_subject()
    {
        var custody = Catalog.Find("CustodyTransferCredential")!.RequiredProperties;
        Assert.Contains("/issuer", custody);
        Assert.Contains("/credentialSubject/from", custody);
        Assert.Contains("/credentialSubject/quantity", custody);

        // The traceability subject schemas are $refs to common classes: followed.
        var mill = Catalog.Find("MillTestReportCredential")!;
        Assert.Contains("/credentialSubject", mill.RequiredProperties);
        Assert.Contains(mill.RequiredProperties, p => p.StartsWith("/credentialSubject/", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_bad_credential_with_the_pointer_of_each_violation()
    {
        var credential = ExampleOf("CustodyTransferCredential");
        var subject = credential["credentialSubject"]!.AsObject();
        subject.Remove("to");                                   // required
        subject["transferType"] = new JsonArray("theft");       // not in the enum
        subject["quantity"]!["value"] = "ten";                  // not a decimal
        subject["containerNumber"] = "not-a-container";         // pattern
        credential["unexpected"] = true;                        // additionalProperties: false

        var result = Catalog.Validate(Parse(credential));

        Assert.Equal(CredentialValidationStatus.Invalid, result.Status);
        Assert.Equal(["CustodyTransferCredential"], result.TypeNames);
        var pointers = result.Violations.Select(v => v.Pointer).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/credentialSubject", pointers);                  // missing "to"
        Assert.Contains("/credentialSubject/transferType/0", pointers);
        Assert.Contains("/credentialSubject/quantity/value", pointers);
        Assert.Contains("/credentialSubject/containerNumber", pointers);
        Assert.Contains(result.Violations, v => v.Pointer.Length == 0 && v.Message.Contains("unexpected", StringComparison.Ordinal));
        Assert.Contains(result.Violations, v => v.Pointer == "/credentialSubject" && v.Message.Contains("to", StringComparison.Ordinal));
        Assert.All(result.Violations, v => Assert.False(string.IsNullOrWhiteSpace(v.Message)));
    }

    [Fact]
    public void Refuses_a_traceability_credential_whose_common_class_is_violated_through_a_ref()
    {
        var credential = ExampleOf("MillTestReportCredential");
        credential["issuer"]!["type"] = new JsonArray("Person");

        var result = Catalog.Validate(Parse(credential));

        Assert.Equal(CredentialValidationStatus.Invalid, result.Status);
        Assert.Contains(result.Violations, v => v.Pointer.StartsWith("/issuer/type", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("hold-for-agency-review", "reviewingAgency")]
    [InlineData("rejected", "reasons")]
    public void A_provisional_hold_or_rejection_needs_its_reasons(string status, string removed)
    {
        var credential = ExampleOf("ProvisionalMessageCredential");
        var subject = credential["credentialSubject"]!.AsObject();
        subject["status"] = status;
        subject.Remove(removed);

        var result = Catalog.Validate(Parse(credential));

        Assert.Equal(CredentialValidationStatus.Invalid, result.Status);
        Assert.Contains(result.Violations, v => v.Pointer == "/credentialSubject" && v.Message.Contains(removed, StringComparison.Ordinal));

        subject.Remove("reasons");
        subject.Remove("reviewingAgency");
        subject["status"] = "may-proceed";
        Assert.True(Catalog.Validate(Parse(credential)).IsValid);
    }

    [Fact]
    public void Formats_are_asserted()
    {
        var credential = ExampleOf("InBondMovementCredential");
        credential["credentialSubject"]!["eventTime"] = "yesterday afternoon";
        credential["validFrom"] = "2026-13-45T25:00:00Z";

        var result = Catalog.Validate(Parse(credential));

        Assert.Equal(CredentialValidationStatus.Invalid, result.Status);
        Assert.Contains(result.Violations, v => v.Pointer == "/credentialSubject/eventTime");
        Assert.Contains(result.Violations, v => v.Pointer == "/validFrom");
    }

    [Fact]
    public void Goods_must_be_identified()
    {
        var credential = ExampleOf("SensorReadingCredential");
        var subject = credential["credentialSubject"]!.AsObject();
        subject.Remove("lotNumber");
        subject.Remove("shipmentIdentifier");
        subject.Remove("containerNumber");
        subject["product"]!.AsObject().Remove("gtin");

        Assert.Equal(CredentialValidationStatus.Invalid, Catalog.Validate(Parse(credential)).Status);

        subject["lotNumber"] = "LOT-1";
        Assert.True(Catalog.Validate(Parse(credential)).IsValid);
    }

    [Fact]
    public void Says_when_the_type_is_unknown_or_missing()
    {
        var unknown = Catalog.Validate("""{"type": ["VerifiableCredential", "NoSuchCredential"]}""");
        Assert.Equal(CredentialValidationStatus.UnknownType, unknown.Status);
        Assert.Contains("NoSuchCredential", unknown.Problem, StringComparison.Ordinal);
        Assert.Empty(unknown.Violations);

        Assert.Equal(CredentialValidationStatus.UnknownType, Catalog.Validate("""{"type": "VerifiableCredential"}""").Status);
        Assert.Equal(CredentialValidationStatus.UnknownType, Catalog.Validate("{}").Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1, 2]")]
    [InlineData("{} {}")]
    [InlineData("\"MillTestReportCredential\"")]
    public void Says_when_the_input_is_not_a_credential_object(string text)
    {
        var result = Catalog.Validate(text);
        Assert.Equal(CredentialValidationStatus.Unreadable, result.Status);
        Assert.False(result.IsValid);
        Assert.NotNull(result.Problem);
    }

    [Fact]
    public void Refuses_input_beyond_the_size_and_depth_limits()
    {
        var large = "{\"pad\": \"" + new string('a', CredentialTypeCatalog.MaxCredentialBytes) + "\"}";
        Assert.Equal(CredentialValidationStatus.Unreadable, Catalog.Validate(large).Status);

        var deep = new string('[', 200) + new string(']', 200);
        Assert.Equal(CredentialValidationStatus.Unreadable, Catalog.Validate(deep).Status);
    }

    [Fact]
    public void Validates_the_same_credential_from_many_threads()
    {
        var example = Catalog.Find("BillOfLadingCredential")!.Example;
        var results = new bool[64];
        Parallel.For(0, results.Length, i => results[i] = Catalog.Validate(example).IsValid);
        Assert.All(results, Assert.True);
    }

    private static JsonObject ExampleOf(string name) => JsonNode.Parse(Catalog.Find(name)!.Example.GetRawText())!.AsObject();

    private static JsonElement Parse(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        return document.RootElement.Clone();
    }
}
