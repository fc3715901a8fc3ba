using Tradeproof.Trade.Rules;

namespace Tradeproof.Trade.Tests.Rules;

/// <summary>The rule catalogue and policy as data: embedded, unique codes, strict parsing with the member named.</summary>
public sealed class RuleCatalogTests
{
    [Fact]
    public void The_embedded_catalogue_holds_the_rules_of_every_test_area()
    {
        var catalog = RuleCatalog.Default;
        Assert.Equal(catalog.Rules.Count, catalog.Rules.Select(r => r.Code).Distinct(StringComparer.Ordinal).Count());
        foreach (var code in new[]
        {
            "IDENTITY-ISSUER-UNVERIFIED", "ORIGIN-PROHIBITED", "USMCA-ORIGIN-NOT-PARTY", "USMCA-ORIGIN-UNBACKED", "USMCA-ORIGIN-MISMATCH",
            "STEEL-MELT-POUR-MISSING", "STEEL-SCRAP-MISDECLARED", "FOOD-KDE-MISSING", "FOOD-TEMPERATURE-EXCURSION", "ECOM-DE-MINIMIS-SUSPENDED",
            "ECOM-DE-MINIMIS-OVER-THRESHOLD", "ECOM-DE-MINIMIS-EXCLUDED-ORIGIN", "ECOM-GS1-LICENCE-MISSING", "ECOM-BRAND-LICENCE-MISSING",
            "CHAIN-CUSTODY-BROKEN", "CHAIN-QUANTITY-OVERSOLD", "CHAIN-CONFLICT",
        })
        {
            var rule = catalog.Find(code);
            Assert.NotNull(rule);
            Assert.False(string.IsNullOrWhiteSpace(rule.Description));
        }

        Assert.All(catalog.Rules, r => Assert.Contains(r.Check, RuleChecks.Names));
        Assert.Equal(800m, catalog.Policy.DeMinimisThreshold);
        Assert.Contains("KP", catalog.Policy.ProhibitedOrigins);
        Assert.Equal(["CA", "MX", "US"], catalog.Policy.UsmcaCountries.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Nothing_presented_is_admissible_with_no_finding()
    {
        var result = new AdmissibilityEvaluator().Evaluate([]);
        Assert.Equal(AdmissibilityDecision.Admissible, result.Decision);
        Assert.Empty(result.Findings);
    }

    [Theory]
    [InlineData("""{ "rules": [{ "code": "X-Y", "check": "no-such-check", "severity": "fail", "message": "m" }] }""", "/rules/0/check")]
    [InlineData("""{ "rules": [{ "code": "lower-case", "check": "issuer-verified", "severity": "fail", "message": "m" }] }""", "/rules/0/code")]
    [InlineData("""{ "rules": [{ "code": "X-Y", "check": "issuer-verified", "severity": "fatal", "message": "m" }] }""", "/rules/0/severity")]
    [InlineData("""{ "rules": [{ "code": "X-Y", "check": "issuer-verified", "severity": "fail" }] }""", "/rules/0/message")]
    [InlineData("""{ "rules": [{ "code": "X-Y", "check": "issuer-verified", "severity": "fail", "message": "m" }, { "code": "X-Y", "check": "issuer-verified", "severity": "warn", "message": "m" }] }""", "X-Y appears twice")]
    [InlineData("""{ "rules": {} }""", "'rules' array")]
    [InlineData("""{ "policy": { "prohibitedOrigins": ["IRAN"] }, "rules": [] }""", "/prohibitedOrigins/0")]
    [InlineData("{", "not JSON")]
    public void A_malformed_catalogue_is_refused_naming_the_member(string json, string expected)
    {
        var e = Assert.Throws<RuleDataException>(() => RuleCatalog.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_file_overlays_the_default_policy()
    {
        var policy = AdmissibilityPolicy.Parse("""{ "deMinimis": { "threshold": 0, "excludedOrigins": ["cn"] }, "prohibitedOrigins": ["RU"] }""");
        Assert.Equal(0m, policy.DeMinimisThreshold);
        Assert.Equal("USD", policy.DeMinimisCurrency);
        Assert.Equal(["CN"], policy.DeMinimisExcludedOrigins);
        Assert.Equal(["RU"], policy.ProhibitedOrigins);
        Assert.Equal(3, policy.UsmcaCountries.Count);
    }

    [Theory]
    [InlineData("""{ "deMinimis": { "threshold": "800" } }""", "/deMinimis/threshold")]
    [InlineData("""{ "deMinimis": { "suspended": "yes" } }""", "/deMinimis/suspended")]
    [InlineData("""{ "deMinimis": { "ceiling": 1 } }""", "/deMinimis/ceiling")]
    [InlineData("""{ "embargo": [] }""", "/embargo")]
    [InlineData("""[]""", "JSON object")]
    public void A_malformed_policy_is_refused_naming_the_member(string json, string expected)
    {
        var e = Assert.Throws<RuleDataException>(() => AdmissibilityPolicy.Parse(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalogue_of_ones_own_drives_the_evaluator_and_fills_the_message()
    {
        var catalog = RuleCatalog.Parse("""
            { "rules": [{ "code": "MY-IDENTITY", "check": "issuer-verified", "severity": "warn", "message": "{credential} by {issuer}: {reason} {unknown}" }] }
            """);
        var unverified = new Tradeproof.Trade.Twins.ReceivedCredential(
            System.Text.Json.JsonDocument.Parse("""{"id":"urn:x:1","type":["VerifiableCredential"]}""").RootElement.Clone(), false, "did:example:i", DateTimeOffset.UnixEpoch, ["bad proof"]);
        var result = new AdmissibilityEvaluator(catalog).Evaluate([unverified]);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(new Finding("MY-IDENTITY", FindingSeverity.Warn, "urn:x:1 by did:example:i: bad proof {unknown}", "urn:x:1"), finding);
        Assert.Equal(AdmissibilityDecision.AdmissibleWithWarnings, result.Decision);
        Assert.True(result.IsAdmissible);
    }
}
