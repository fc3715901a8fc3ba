using System.Text.Json.Nodes;
using Tradeproof.Trade.Rules;
using Tradeproof.Trade.Twins;
using static Tradeproof.Trade.Tests.Scenarios.TradeNetwork;

namespace Tradeproof.Trade.Tests.Scenarios;

/// <summary>
/// Steel (CBP test area 1): a Mexican mill issues the mill test report, the exporter the USMCA certificate,
/// the rail carrier the bill of lading and the hand-over to the importer; each signed by its own key and
/// verified before the twin and rules see it.
/// </summary>
public sealed class SteelScenarioTests : IDisposable
{
    private const string Coil = SteelDocuments.Coil;
    private const string Heat = SteelDocuments.Heat;
    private readonly TradeNetwork _network = new();
    private readonly TestParty _mill;
    private readonly TestParty _exporter;
    private readonly TestParty _carrier;
    private readonly TestParty _importer;

    public SteelScenarioTests()
    {
        _mill = _network.Party("Aceros Monterrey S.A. de C.V.", "MX");
        _exporter = _network.Party("Monterrey Steel Export S.A.", "MX");
        _carrier = _network.Party("Kansas City Southern de Mexico", "MX");
        _importer = _network.Party("Great Lakes Steel Imports LLC", "US");
    }

    public void Dispose() => _network.Dispose();

    private static readonly DateTimeOffset Rolled = SteelDocuments.Rolled;

    private byte[] MillTestReport(string? meltAndPour = "MX") =>
        _network.Issue(_mill, "MillTestReportCredential", at: Rolled, subject: Subject(SteelDocuments.MillTestReport(_importer, meltAndPour)));

    private byte[] UsmcaCertificate(string origin = "MX") =>
        _network.Issue(_exporter, "USMCACertificationOfOrigin", at: Rolled.AddDays(2), subject: Subject(SteelDocuments.UsmcaCertificate(_exporter, _mill, _importer, origin)));

    private byte[] BillOfLading() => _network.Issue(_carrier, "BillOfLadingCredential", Subject(SteelDocuments.BillOfLading(_carrier, _mill, _importer)));

    private byte[] HandOver(TestParty from) => _network.Issue(from, "CustodyTransferCredential", Subject(SteelDocuments.HandOver(from, _importer)), tradeContext: true);

    [Fact]
    public void The_coil_twin_knows_what_it_is_where_it_came_from_and_who_holds_it()
    {
        var received = _network.Receive(MillTestReport(), UsmcaCertificate(), BillOfLading(), HandOver(_carrier));
        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Problems)));

        var twin = ProjectTwins(received).Find(Coil)!;
        Assert.Equal("Hot-rolled steel coil, 6 mm grade A36", twin.Description);
        Assert.Contains(twin.Origins, o => o.Kind == OriginKinds.CountryOfMeltAndPour && o.Country == "MX" && o.Claimant == _mill.Did);
        Assert.Contains(twin.Origins, o => o.Kind == OriginKinds.CountryOfOrigin && o.Country == "MX" && o.Claimant == _exporter.Did);
        Assert.Equal(48250m, twin.Quantity);
        Assert.Equal([_carrier.Did, _importer.Did], twin.CustodyChain.Select(t => t.To.Id));
        Assert.Equal(_mill.Did, twin.CustodyChain[0].From!.Id);
        Assert.Equal(_importer.Did, twin.Custodian!.Id);
        Assert.Equal("USLRD", twin.Location!.PortCode);
        Assert.Contains(new KeyValuePair<string, string>("heatNumber", Heat), twin.Attributes);
        Assert.Empty(twin.Issues);
        Assert.Equal(twin.Timeline.OrderBy(e => e.Time).Select(e => e.Id), twin.Timeline.Select(e => e.Id));

        // The heat number is a twin of its own, fed by the mill test report.
        Assert.Contains(_network.Receive(MillTestReport()).SelectMany(TwinEventExtraction.Default.Extract), e => e.SubjectIds.Contains(Heat));
    }

    [Fact]
    public void The_presentation_is_admissible_with_the_usmca_claim_backed_by_the_melt_and_pour()
    {
        var result = new AdmissibilityEvaluator().Evaluate(_network.Receive(MillTestReport(), UsmcaCertificate(), BillOfLading(), HandOver(_carrier)));

        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.True(result.Has("STEEL-MELT-POUR-MISSING", FindingSeverity.Pass));
        Assert.True(result.Has("USMCA-ORIGIN-UNBACKED", FindingSeverity.Pass));
        Assert.True(result.Has("USMCA-ORIGIN-MISMATCH", FindingSeverity.Pass));
        Assert.True(result.Has("STEEL-SCRAP-MISDECLARED", FindingSeverity.Pass));
        Assert.True(result.Has("CHAIN-CUSTODY-BROKEN", FindingSeverity.Pass));
        Assert.Equal(4, result.Findings.Count(f => f.Code == "IDENTITY-ISSUER-UNVERIFIED" && f.Severity == FindingSeverity.Pass));
    }

    [Fact]
    public void Negative_twin_a_hand_over_by_a_party_that_never_held_the_coil_breaks_the_custody_chain()
    {
        using var phantom = TradeNetwork.Outsider("Phantom Logistics", "MX");
        var received = _network.Receive(MillTestReport(), BillOfLading(), HandOver(phantom));
        Assert.All(received, r => Assert.True(r.Verified));

        var twin = ProjectTwins(received).Find(Coil)!;
        var issue = Assert.Single(twin.Issues);
        Assert.Equal(TwinIssueCodes.CustodyChainBroken, issue.Code);
        Assert.Contains("Phantom Logistics", issue.Message, StringComparison.Ordinal);

        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.Equal(AdmissibilityDecision.NotAdmissible, result.Decision);
        var failure = Assert.Single(result.Failures);
        Assert.Equal("CHAIN-CUSTODY-BROKEN", failure.Code);
        Assert.Equal(received[2].Id, failure.CredentialId);
    }

    [Fact]
    public void A_mill_test_report_without_melt_and_pour_fails_with_the_pointer_of_the_missing_member()
    {
        var received = _network.Receive(MillTestReport(meltAndPour: null), UsmcaCertificate());
        var result = new AdmissibilityEvaluator().Evaluate(received);

        var finding = Assert.Single(result.Failures);
        Assert.Equal("STEEL-MELT-POUR-MISSING", finding.Code);
        Assert.Equal("/credentialSubject/inspections/0/countryOfMeltAndPour", finding.Pointer);
        Assert.Equal(received[0].Id, finding.CredentialId);
        Assert.Contains(Coil, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usmca_claim_the_melt_and_pour_contradicts_fails_and_the_twin_reports_no_conflict_between_different_kinds()
    {
        var received = _network.Receive(MillTestReport(meltAndPour: "CN"), UsmcaCertificate(origin: "MX"));
        var result = new AdmissibilityEvaluator().Evaluate(received);

        Assert.True(result.Has("USMCA-ORIGIN-MISMATCH", FindingSeverity.Fail));
        Assert.Contains("countryOfMeltAndPour CN", result.Findings.First(f => f.Code == "USMCA-ORIGIN-MISMATCH").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_usmca_claim_for_a_non_party_origin_fails()
    {
        var result = new AdmissibilityEvaluator().Evaluate(_network.Receive(MillTestReport(), UsmcaCertificate(origin: "CN")));
        var finding = result.Findings.Single(f => f.Code == "USMCA-ORIGIN-NOT-PARTY");
        Assert.Equal(FindingSeverity.Fail, finding.Severity);
        Assert.Equal("/credentialSubject/goods/0/countryOfOrigin", finding.Pointer);
    }

    [Fact]
    public void A_usmca_claim_with_nothing_in_the_chain_behind_it_is_unbacked()
    {
        var result = new AdmissibilityEvaluator().Evaluate(_network.Receive(UsmcaCertificate()));
        Assert.True(result.Has("USMCA-ORIGIN-UNBACKED", FindingSeverity.Fail));
        Assert.False(result.IsAdmissible);
    }

    [Fact]
    public void Finished_coil_declared_as_scrap_is_misclassified()
    {
        var entry = _network.Issue(_importer, "CBP7501EntrySummaryCredential", Subject($$"""
            {
              "entryNumber": "ABC-1234567-8",
              "billOfLadingNumber": "KCSM-BOL-88213",
              "countryOfOrigin": "MX",
              "summaryDate": "2026-07-05T10:00:00Z",
              "descriptionOfMerchandise": [{ "commodity": { "commodityCode": "7204.49.0020", "commodityCodeType": "HTS", "description": "Ferrous waste and scrap" }, "enteredValue": { "price": 9000, "priceCurrency": "USD" } }]
            }
            """));
        var received = _network.Receive(MillTestReport(), BillOfLading(), entry);
        var result = new AdmissibilityEvaluator().Evaluate(received);

        var finding = Assert.Single(result.Failures);
        Assert.Equal("STEEL-SCRAP-MISDECLARED", finding.Code);
        Assert.Equal("/credentialSubject/descriptionOfMerchandise/0/commodity/commodityCode", finding.Pointer);

        // The bill of lading's twin sees both classifications and reports the clash of headings.
        var bol = ProjectTwins(received).Find("KCSM-BOL-88213")!;
        Assert.True(bol.HasIssue(TwinIssueCodes.HsCodeConflict));
        Assert.True(result.Has("CHAIN-CONFLICT", FindingSeverity.Warn));
    }

    [Fact]
    public void A_tampered_mill_test_report_gives_no_twin_event_and_fails_the_identity_rule()
    {
        var tampered = Tamper(MillTestReport(), "certificateNumber", JsonValue.Create("MTR-FORGED"));
        var received = _network.Receive(tampered, UsmcaCertificate());
        Assert.False(received[0].Verified);
        Assert.NotEmpty(received[0].Problems);

        Assert.Empty(TwinEventExtraction.Default.Extract(received[0]));
        var result = new AdmissibilityEvaluator().Evaluate(received);
        Assert.True(result.Has("IDENTITY-ISSUER-UNVERIFIED", FindingSeverity.Fail));
        Assert.True(result.Has("USMCA-ORIGIN-UNBACKED", FindingSeverity.Fail));
    }
}
