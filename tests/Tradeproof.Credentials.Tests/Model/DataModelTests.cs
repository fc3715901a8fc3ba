using System.Text;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.Model;

/// <summary>The data model's rules (VC DM 2.0 §4, 1.1 §4), each broken once and reported as a problem.</summary>
public sealed class DataModelTests
{
    private const string V1Credential = """
        {
          "@context": ["https://www.w3.org/2018/credentials/v1", "https://www.w3.org/2018/credentials/examples/v1"],
          "type": ["VerifiableCredential", "UniversityDegreeCredential"],
          "issuer": { "id": "did:example:issuer", "name": "Example University" },
          "issuanceDate": "2010-01-01T19:23:24Z",
          "expirationDate": "2030-01-01T19:23:24Z",
          "credentialSubject": [{ "id": "did:example:a" }, { "id": "did:example:b", "name": "B" }]
        }
        """;

    [Fact]
    public void A_valid_v2_credential_is_read_over_its_original_bytes()
    {
        var bytes = Utf8(Credential);
        Assert.True(VerifiableCredential.TryParse(bytes, null, out var vc, out var problems), string.Join("; ", problems));
        Assert.Equal(DataModelVersion.V2_0, vc!.Version);
        Assert.Equal("did:example:issuer", vc.Issuer);
        Assert.Equal("urn:uuid:11111111-2222-4333-8444-555555555555", vc.Id);
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), vc.ValidFrom);
        Assert.Single(vc.CredentialSubjects);
        Assert.False(vc.HasProof);
        Assert.True(vc.Utf8.Span.SequenceEqual(bytes));
    }

    [Fact]
    public void A_valid_v1_credential_maps_issuance_and_expiration_dates()
    {
        Assert.True(VerifiableCredential.TryParse(Utf8(V1Credential), null, out var vc, out var problems), string.Join("; ", problems));
        Assert.Equal(DataModelVersion.V1_1, vc!.Version);
        Assert.Equal("did:example:issuer", vc.Issuer);
        Assert.Equal(2, vc.CredentialSubjects.Count);
        Assert.Equal(2030, vc.ValidUntil!.Value.Year);
    }

    public static TheoryData<string, string, string> BrokenRules() => new()
    {
        { "no @context", "\"@context\"", "\"@nocontext\"" },
        { "context not first", "[\"https://www.w3.org/ns/credentials/v2\"]", "[\"https://www.w3.org/ns/credentials/examples/v2\", \"https://www.w3.org/ns/credentials/v2\"]" },
        { "look-alike context", "[\"https://www.w3.org/ns/credentials/v2\"]", "[\"https://www.w3.org/ns/credentials/v2/\"]" },
        { "v2 context as a string", "[\"https://www.w3.org/ns/credentials/v2\"]", "\"https://www.w3.org/ns/credentials/v2\"" },
        { "base context repeated", "[\"https://www.w3.org/ns/credentials/v2\"]", "[\"https://www.w3.org/ns/credentials/v2\", \"https://www.w3.org/ns/credentials/v2\"]" },
        { "relative context", "[\"https://www.w3.org/ns/credentials/v2\"]", "[\"https://www.w3.org/ns/credentials/v2\", \"contexts/mine\"]" },
        { "type missing VerifiableCredential", "[\"VerifiableCredential\"]", "[\"MillTestReport\"]" },
        { "type not strings", "[\"VerifiableCredential\"]", "[\"VerifiableCredential\", 3]" },
        { "issuer not a URL", "\"did:example:issuer\"", "\"issuer\"" },
        { "issuer object without id", "\"did:example:issuer\"", "{\"name\": \"x\"}" },
        { "no issuer", "\"issuer\"", "\"issuerX\"" },
        { "id not a URL", "\"urn:uuid:11111111-2222-4333-8444-555555555555\"", "\"not a url\"" },
        { "no subject", "\"credentialSubject\"", "\"credentialSubjectX\"" },
        { "empty subject", "{ \"id\": \"did:example:subject\" }", "{}" },
        { "subject id not a URL", "\"did:example:subject\"", "\"subject\"" },
        { "validFrom without time zone", "\"2025-01-01T00:00:00Z\"", "\"2025-01-01T00:00:00\"" },
        { "validFrom a date only", "\"2025-01-01T00:00:00Z\"", "\"2025-01-01\"" },
        { "validFrom not a string", "\"2025-01-01T00:00:00Z\"", "20250101" },
    };

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Each_broken_rule_is_a_malformed_value_problem(string rule, string find, string replace)
    {
        Assert.Contains(find, Credential, StringComparison.Ordinal);
        var json = ReplaceFirst(Credential, find, replace);
        Assert.False(VerifiableCredential.TryParse(Utf8(json), null, out var vc, out var problems), rule);
        Assert.Null(vc);
        Assert.All(problems, p => Assert.Equal(ProblemTypes.MalformedValueError, p.Type));
        Assert.NotEmpty(problems);
    }

    [Fact]
    public void ValidFrom_after_validUntil_is_malformed()
    {
        var json = Credential.Replace("\"validFrom\": \"2025-01-01T00:00:00Z\"", "\"validFrom\": \"2025-01-01T00:00:00Z\", \"validUntil\": \"2024-01-01T00:00:00Z\"", StringComparison.Ordinal);
        Assert.False(VerifiableCredential.TryParse(Utf8(json), null, out _, out var problems));
        Assert.Equal("Invalid validity period", Assert.Single(problems).Title);
    }

    [Fact]
    public void A_v1_credential_needs_an_issuance_date()
    {
        var json = V1Credential.Replace("\"issuanceDate\"", "\"issuedOn\"", StringComparison.Ordinal);
        Assert.False(VerifiableCredential.TryParse(Utf8(json), null, out _, out var problems));
        Assert.Equal("Missing issuanceDate", Assert.Single(problems).Title);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{")]
    [InlineData("\"\\ud800\"")]
    [InlineData("")]
    public void Input_that_is_not_strict_json_is_a_parsing_problem(string json)
    {
        Assert.False(VerifiableCredential.TryParse(Encoding.UTF8.GetBytes(json), null, out _, out var problems));
        Assert.Equal(ProblemTypes.ParsingError, Assert.Single(problems).Type);
    }

    [Fact]
    public void Deep_nesting_is_refused_as_a_parsing_problem()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.False(VerifiableCredential.TryParse(Encoding.UTF8.GetBytes(json), null, out _, out var problems));
        Assert.Equal(ProblemTypes.ParsingError, Assert.Single(problems).Type);
    }

    [Fact]
    public void Contexts_can_be_restricted_to_an_allowlist_and_inline_contexts_refused()
    {
        var json = Credential.Replace("[\"https://www.w3.org/ns/credentials/v2\"]", "[\"https://www.w3.org/ns/credentials/v2\", \"https://www.w3.org/ns/credentials/examples/v2\", {\"x\": \"https://example.org/x\"}]", StringComparison.Ordinal);
        Assert.True(VerifiableCredential.TryParse(Utf8(json), null, out _, out _));
        var strict = new DataModelOptions { AllowedContexts = new HashSet<string>(StringComparer.Ordinal) { "https://www.w3.org/ns/credentials/undefined-terms/v2" }, AllowInlineContexts = false };
        Assert.False(VerifiableCredential.TryParse(Utf8(json), strict, out _, out var problems));
        Assert.Equal(2, problems.Count);
        Assert.False(VerifiableCredential.TryParse(Utf8(V1Credential), new DataModelOptions { Versions = [DataModelVersion.V2_0] }, out _, out var versionProblems));
        Assert.Equal("Unsupported data model version", Assert.Single(versionProblems).Title);
    }

    [Fact]
    public void Status_and_schema_entries_need_their_members()
    {
        var withStatus = Credential.Replace("\"validFrom\"", "\"credentialStatus\": {\"id\": \"https://x.example/status#1\"}, \"validFrom\"", StringComparison.Ordinal);
        Assert.False(VerifiableCredential.TryParse(Utf8(withStatus), null, out _, out var p1));
        Assert.Equal("Invalid credentialStatus", Assert.Single(p1).Title);
        var withSchema = Credential.Replace("\"validFrom\"", "\"credentialSchema\": {\"type\": \"JsonSchema\"}, \"validFrom\"", StringComparison.Ordinal);
        Assert.False(VerifiableCredential.TryParse(Utf8(withSchema), null, out _, out var p2));
        Assert.Equal("Invalid credentialSchema", Assert.Single(p2).Title);
        var good = Credential.Replace("\"validFrom\"", "\"credentialSchema\": {\"id\": \"https://x.example/schema.json\", \"type\": \"JsonSchema\"}, \"validFrom\"", StringComparison.Ordinal);
        Assert.True(VerifiableCredential.TryParse(Utf8(good), null, out var vc, out _));
        Assert.Single(vc!.CredentialSchema);
    }

    [Fact]
    public void The_validity_period_check_reports_range_errors_beyond_the_skew()
    {
        var json = Credential.Replace("\"validFrom\": \"2025-01-01T00:00:00Z\"", "\"validFrom\": \"2025-01-01T00:00:00Z\", \"validUntil\": \"2026-01-01T00:00:00Z\"", StringComparison.Ordinal);
        var vc = VerifiableCredential.Parse(Utf8(json));
        var skew = TimeSpan.FromMinutes(5);
        Assert.Empty(vc.CheckValidityPeriod(new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), skew));
        Assert.Empty(vc.CheckValidityPeriod(new DateTimeOffset(2024, 12, 31, 23, 56, 0, TimeSpan.Zero), skew));
        Assert.Equal("Not yet valid", Assert.Single(vc.CheckValidityPeriod(new DateTimeOffset(2024, 12, 31, 23, 54, 0, TimeSpan.Zero), skew)).Title);
        Assert.Empty(vc.CheckValidityPeriod(new DateTimeOffset(2026, 1, 1, 0, 4, 0, TimeSpan.Zero), skew));
        var expired = Assert.Single(vc.CheckValidityPeriod(new DateTimeOffset(2026, 1, 1, 0, 6, 0, TimeSpan.Zero), skew));
        Assert.Equal(ProblemTypes.RangeError, expired.Type);
        Assert.Equal(-67, expired.Code);
    }

    [Fact]
    public void Parse_throws_an_argument_exception_listing_the_problems()
    {
        var e = Assert.Throws<ArgumentException>(() => VerifiableCredential.Parse(Utf8("{}")));
        Assert.Contains("Missing @context", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Presentations_are_read_and_checked()
    {
        var vp = $$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2"],
              "type": ["VerifiablePresentation"],
              "holder": "did:example:holder",
              "verifiableCredential": [{{Credential}}, {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "data:application/vc+jwt,eyJ", "type": "EnvelopedVerifiableCredential"}]
            }
            """;
        Assert.True(VerifiablePresentation.TryParse(Utf8(vp), null, out var presentation, out var problems), string.Join("; ", problems));
        Assert.Equal("did:example:holder", presentation!.Holder);
        Assert.Equal(2, presentation.VerifiableCredentials.Count);
        Assert.Equal(DataModelVersion.V2_0, presentation.Version);

        Assert.False(VerifiablePresentation.TryParse(Utf8(vp.Replace("\"VerifiablePresentation\"", "\"Presentation\"", StringComparison.Ordinal)), null, out _, out var p1));
        Assert.Equal("Invalid type", Assert.Single(p1).Title);
        var badVc = vp.Replace("\"verifiableCredential\": [", "\"verifiableCredential\": [\"a string\", ", StringComparison.Ordinal);
        Assert.False(VerifiablePresentation.TryParse(Utf8(badVc), null, out _, out var p2));
        Assert.Equal("Invalid verifiableCredential", Assert.Single(p2).Title);
        Assert.False(VerifiablePresentation.TryParse(Utf8("[1]"), null, out _, out var p3));
        Assert.Single(p3);
    }

    [Theory]
    [InlineData("2025-01-01T00:00:00Z", true)]
    [InlineData("2025-01-01T00:00:00.123+02:00", true)]
    [InlineData("2025-01-01T00:00:00-14:00", true)]
    [InlineData("2025-01-01T00:00:00+15:00", false)]
    [InlineData("2025-13-01T00:00:00Z", false)]
    [InlineData("2025-02-30T00:00:00Z", false)]
    [InlineData("2025-01-01 00:00:00Z", false)]
    [InlineData("2025-01-01T24:00:00Z", false)]
    [InlineData("", false)]
    public void Date_times_follow_xml_schema_date_time_stamp(string text, bool valid)
    {
        Assert.Equal(valid, DateTimeSyntax.TryParse(text, out _));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
