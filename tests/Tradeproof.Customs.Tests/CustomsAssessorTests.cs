using System.Text;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Intake;

namespace Tradeproof.Customs.Tests;

public sealed class CustomsAssessorTests : IDisposable
{
    private readonly SteelFiling _steel = new();
    private readonly CustomsAssessor _assessor = new();

    public void Dispose() => _steel.Dispose();

    private static AgencyRoutingRules Routes(string json) => AgencyRoutingRules.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void The_steel_entry_from_trusted_issuers_may_proceed()
    {
        var decision = _assessor.Assess(_steel.Network.Receive(null, _steel.All()), _steel.Registry());
        Assert.True(decision.Status == ProvisionalStatus.MayProceed, string.Join("; ", decision.Reasons.Select(r => r.Code + ": " + r.Message)));
        Assert.Equal("ABC-1234567-8", decision.EntryNumber);
        Assert.Contains(SteelFiling.Coil, decision.ShipmentIds);
        Assert.Equal(4, decision.ReferencedCredentials.Count);
    }

    [Fact]
    public void A_forged_issuer_not_in_the_registry_is_rejected_with_the_reason()
    {
        var decision = _assessor.Assess(_steel.Network.Receive(null, _steel.MillTestReport(_steel.Forger), _steel.UsmcaCertificate(), _steel.BillOfLading(), _steel.EntrySummary()), _steel.Registry());
        Assert.Equal(ProvisionalStatus.Rejected, decision.Status);
        var reason = Assert.Single(decision.Reasons, r => r.Code == CustomsReasonCodes.IssuerNotTrusted);
        Assert.Contains(_steel.Forger.Did, reason.Message, StringComparison.Ordinal);
        Assert.Equal("/issuer", reason.Pointer);
    }

    [Fact]
    public void A_tampered_credential_and_a_missing_registry_reject()
    {
        var tampered = CustomsNetwork.Tamper(_steel.MillTestReport(), "certificateNumber", "MTR-FAKE");
        var decision = _assessor.Assess(_steel.Network.Receive(null, tampered, _steel.BillOfLading()), _steel.Registry());
        Assert.Equal(ProvisionalStatus.Rejected, decision.Status);
        Assert.Contains(decision.Reasons, r => r.Code == CustomsReasonCodes.CredentialNotVerified);

        var noRegistry = _assessor.Assess(_steel.Network.Receive(null, _steel.All()), null);
        Assert.Equal(ProvisionalStatus.Rejected, noRegistry.Status);
        Assert.Contains(noRegistry.Reasons, r => r.Code == CustomsReasonCodes.NoTrustRegistry);

        Assert.Equal(ProvisionalStatus.Rejected, _assessor.Assess([], _steel.Registry()).Status);
    }

    [Fact]
    public void A_route_by_hs_chapter_holds_for_the_agency_and_a_release_lets_the_goods_proceed()
    {
        var routes = Routes("""
            { "routes": [
              { "agency": "DOC-ITA", "node": "did:web:localhost%3A9001:organizations:ita", "hsChapters": ["72"], "hold": true },
              { "agency": "FDA", "node": "did:web:localhost%3A9002:organizations:fda", "hsChapters": ["03"], "products": ["shrimp"] },
              { "agency": "DOE", "node": "did:web:localhost%3A9003:organizations:doe", "credentialTypes": ["OilAndGasDeliveryTicketCredential"], "hold": false }
            ] }
            """);
        var decision = _assessor.Assess(_steel.Network.Receive(null, _steel.All()), _steel.Registry(), routes);
        Assert.Equal(ProvisionalStatus.HoldForAgencyReview, decision.Status);
        var referral = Assert.Single(decision.Agencies);
        Assert.Equal("DOC-ITA", referral.Agency);
        Assert.Contains("chapter/heading 72", referral.Why, StringComparison.Ordinal);

        var hold = new PgaShipmentStatus(false, null, [("O2", "Hold Intact")]);
        var stillHeld = CustomsAssessor.ApplyAgencyAnswer(decision, referral, hold, []);
        Assert.Equal(ProvisionalStatus.HoldForAgencyReview, stillHeld.Status);
        Assert.Contains(stillHeld.Reasons, r => r.Code == CustomsReasonCodes.AgencyHold && r.Message.Contains("Hold Intact", StringComparison.Ordinal));

        var release = new PgaShipmentStatus(true, null, [("O7", "May Proceed")]);
        var released = CustomsAssessor.ApplyAgencyAnswer(stillHeld, referral, release, []);
        Assert.Equal(ProvisionalStatus.MayProceed, released.Status);
        Assert.DoesNotContain(released.Reasons, r => r.Code is CustomsReasonCodes.AgencyHold or CustomsReasonCodes.AgencyReview);
    }

    [Fact]
    public void Routing_rules_are_checked_data()
    {
        Assert.Throws<Registry.TrustRegistryException>(() => Routes("""{ "routes": [ { "agency": "FDA", "node": "did:web:x" } ] }"""));
        Assert.Throws<Registry.TrustRegistryException>(() => Routes("""{ "routes": [ { "agency": "FDA", "node": "did:web:x", "hsChapters": ["3"] } ] }"""));
        Assert.Throws<Registry.TrustRegistryException>(() => Routes("""{ "routes": [ { "agency": "FDA", "node": "fda", "hsChapters": ["03"] } ] }"""));
        var rules = Routes("""{ "routes": [ { "agency": "FDA", "node": "did:web:x", "products": ["shrimp"], "hold": true } ] }""");
        Assert.Equal(rules.ToJson(), AgencyRoutingRules.Parse(rules.ToJson()).ToJson());
    }

    [Fact]
    public void A_pga_status_credential_is_read_release_or_hold()
    {
        var agency = _steel.Network.Party("FDA", "US");
        var release = _steel.Network.Issue(agency, PgaShipmentStatus.CredentialType, """{ "type": ["PGAShipmentStatusList"], "pgaShipmentStatusItems": [ { "type": ["PGAShipmentStatus"], "entryNo": "ABC-1234567-8", "statusCode": "O7", "statusCodeDescription": "May Proceed" } ] }""");
        var read = PgaShipmentStatus.Read(CustomsNetwork.Json(release));
        Assert.NotNull(read);
        Assert.True(read.Released);
        Assert.Equal("ABC-1234567-8", read.EntryNumber);
        var hold = _steel.Network.Issue(agency, PgaShipmentStatus.CredentialType, """{ "type": ["PGAShipmentStatusList"], "pgaShipmentStatusItems": [ { "type": ["PGAShipmentStatus"], "statusCode": "O7", "statusCodeDescription": "May Proceed" }, { "type": ["PGAShipmentStatus"], "statusCode": "O2", "statusCodeDescription": "Hold Intact" } ] }""");
        Assert.False(PgaShipmentStatus.Read(CustomsNetwork.Json(hold))!.Released);
        Assert.Null(PgaShipmentStatus.Read(CustomsNetwork.Json(_steel.BillOfLading())));
    }

    [Fact]
    public void A_ctpat_equivalent_aeo_certificate_is_a_trusted_trader_and_a_revoked_one_rejects()
    {
        var decision = _assessor.Assess(_steel.Network.Receive(null, [.. _steel.All(), _steel.AeoCertificate()]), _steel.Registry());
        Assert.True(decision.TrustedTrader, string.Join("; ", decision.Reasons.Select(r => r.Message)));
        Assert.Contains(decision.Reasons, r => r.Code == CustomsReasonCodes.TrustedTrader && r.Message.Contains("CTPAT", StringComparison.Ordinal));

        // Revocation shows up as a credential that does not verify (status check): the certificate stops counting at once.
        var revoked = CustomsNetwork.Tamper(_steel.AeoCertificate(), "status", "revoked");
        var refused = _assessor.Assess(_steel.Network.Receive(null, [.. _steel.All(), revoked]), _steel.Registry());
        Assert.False(refused.TrustedTrader);
        Assert.Equal(ProvisionalStatus.Rejected, refused.Status);

        // An AEO certificate from a customs authority without an arrangement is not recognised.
        var other = _assessor.Assess(_steel.Network.Receive(null, [.. _steel.All(), _steel.AeoCertificate(_steel.Forger)]), _steel.Registry());
        Assert.False(other.TrustedTrader);
        Assert.Contains(other.Reasons, r => r.Code == CustomsReasonCodes.IssuerNotTrusted);
    }
}
