using System.Text.Json;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Exchange;
using Tradeproof.Customs.Intake;
using Tradeproof.Customs.Messages;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Customs.Tests;

public sealed class ExchangeAndMessageTests : IDisposable
{
    private readonly SteelFiling _steel = new();

    public void Dispose() => _steel.Dispose();

    [Fact]
    public void My_export_is_your_import_when_everything_matches()
    {
        var match = new ExportImportMatcher().Match(CustomsNetwork.Json(_steel.ExportDeclaration()), CustomsNetwork.Json(_steel.EntrySummary()));
        Assert.True(match.Matches, string.Join("; ", match.Differences.Select(d => d.Message)));
    }

    [Fact]
    public void Every_difference_between_export_and_import_is_reported()
    {
        var match = new ExportImportMatcher().Match(CustomsNetwork.Json(_steel.ExportDeclaration()), CustomsNetwork.Json(_steel.EntrySummary(quantity: "40000", value: 35000, exporting: "CA")));
        Assert.False(match.Matches);
        var fields = match.Differences.Select(d => d.Field).ToList();
        Assert.Contains("exportCountry", fields);
        Assert.Contains("quantity", fields);
        Assert.Contains("value", fields);
        var quantity = Assert.Single(match.Differences, d => d.Field == "quantity");
        Assert.Equal("48250", quantity.Exported);
        Assert.Equal("40000", quantity.Imported);
    }

    [Fact]
    public void A_different_hs_code_and_a_distant_date_are_differences()
    {
        var declaration = CustomsNetwork.Json(_steel.ExportDeclaration());
        var other = JsonDocument.Parse(declaration.GetRawText().Replace("\"720837\"", "\"721049\"", StringComparison.Ordinal).Replace("2026-07-01T16:00:00Z", "2026-06-01T16:00:00Z", StringComparison.Ordinal)).RootElement;
        var match = new ExportImportMatcher().Match(other, CustomsNetwork.Json(_steel.EntrySummary()));
        Assert.Equal(2, match.Differences.Count(d => d.Field == "hsCode"));
        Assert.Contains(match.Differences, d => d.Field == "date");
    }

    [Fact]
    public void A_provisional_message_carries_status_agency_and_reasons_and_is_valid_against_its_schema()
    {
        var decision = new CustomsDecision
        {
            Status = ProvisionalStatus.HoldForAgencyReview,
            Agencies = [new AgencyReferral("FDA", "did:web:fda.example.gov", true, "HS 0306 is in chapter 03")],
            Reasons = [new CustomsReason(CustomsReasonCodes.AgencyReview, "Routed to FDA.", null, "/credentialSubject/hsCode")],
            EntryNumber = "ABC-1234567-8",
            ReferencedCredentials = ["urn:uuid:7c1d0e2f-3a4b-4c5d-8e9f-0a1b2c3d4e5f", "not a uri"],
        };
        var bytes = ProvisionalMessages.Create("urn:uuid:a3f7c1e0-5d2b-4c8f-9e1a-2b3c4d5e6f70", decision, new MessageParty("did:web:cbp.example.gov", "CBP"), new MessageParty("did:web:broker.example.com", "Broker"), "urn:uuid:9e8d7c6b-5a49-4382-a1b0-c9d8e7f6a5b4", _steel.Network.Clock.Now);
        var json = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal(ProvisionalStatus.HoldForAgencyReview, ProvisionalMessages.StatusOf(json));
        var subject = json.GetProperty("credentialSubject");
        Assert.Equal("FDA", subject.GetProperty("reviewingAgency").GetString());
        Assert.Equal(1, subject.GetProperty("referencedCredentials").GetArrayLength());
        Assert.Equal("/credentialSubject/hsCode", subject.GetProperty("reasons")[0].GetProperty("pointer").GetString());

        var validation = CredentialTypeCatalog.Default.Validate(json);
        Assert.True(validation.IsValid, string.Join("; ", validation.Violations.Select(v => v.ToString())));

        // A rejection without reasons still says why (the schema requires reasons).
        var rejected = JsonDocument.Parse(ProvisionalMessages.Create("urn:uuid:1", new CustomsDecision { Status = ProvisionalStatus.Rejected }, new("did:web:a", "A"), new("did:web:b", "B"), null, _steel.Network.Clock.Now)).RootElement;
        Assert.Equal(1, rejected.GetProperty("credentialSubject").GetProperty("reasons").GetArrayLength());
    }

    [Fact]
    public void Backoff_doubles_up_to_the_maximum_and_gives_up()
    {
        var backoff = new DeliveryBackoff { Initial = TimeSpan.FromMilliseconds(100), Maximum = TimeSpan.FromSeconds(1), MaxAttempts = 6 };
        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.After(1));
        Assert.Equal(TimeSpan.FromMilliseconds(200), backoff.After(2));
        Assert.Equal(TimeSpan.FromMilliseconds(800), backoff.After(4));
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.After(5));
        Assert.Null(backoff.After(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.After(0));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, false)]
    [InlineData(404, true)]
    [InlineData(413, true)]
    [InlineData(422, true)]
    [InlineData(499, true)]
    [InlineData(408, false)]
    [InlineData(425, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(302, false)]
    [InlineData(202, false)]
    public void A_4xx_but_401_408_425_and_429_is_a_refusal_given_up_at_once(int status, bool refusal) =>
        Assert.Equal(refusal, DeliveryBackoff.IsRefusal(status));
}
