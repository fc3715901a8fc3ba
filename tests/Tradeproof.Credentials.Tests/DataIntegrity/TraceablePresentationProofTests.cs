using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.DataIntegrity;

/// <summary>
/// A TraceablePresentation embedding several traceability credentials signs and verifies with eddsa-rdfc-2022
/// (regression: every embedded credential's contexts used to be processed cold, exceeding JSON-LD MaxContexts).
/// </summary>
public sealed class TraceablePresentationProofTests
{
    private const string Contexts = """["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"]""";

    private readonly DataIntegrityEngine _engine = new(new DataIntegrityEngineOptions { TimeProvider = new FixedClock(Now) });

    [Theory]
    [InlineData(5)]
    [InlineData(12)]
    public void A_presentation_of_signed_traceability_credentials_round_trips(int credentials)
    {
        using var mill = Key(KeyType.Ed25519, seed: 3);
        using var holder = Key(KeyType.Ed25519, seed: 9);
        var embedded = new JsonArray();
        for (var i = 0; i < credentials; i++)
        {
            var signed = _engine.AddProof(Utf8(MillTestReport(i, MethodOf(mill).Split('#')[0])), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = MethodOf(mill) }, mill);
            Assert.True(Verify(_engine, signed).Verified);
            embedded.Add(JsonNode.Parse(signed));
        }

        var presentation = new JsonObject
        {
            ["@context"] = JsonNode.Parse(Contexts),
            ["type"] = new JsonArray("VerifiablePresentation", "TraceablePresentation"),
            ["holder"] = MethodOf(holder).Split('#')[0],
            ["verifiableCredential"] = embedded,
        };
        var vp = _engine.AddProof(Utf8(presentation.ToJsonString()), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = MethodOf(holder),
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = "c-1",
        }, holder);

        var options = new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local, ExpectedProofPurpose = ProofPurposes.Authentication, ExpectedChallenge = "c-1" };
        var result = Verify(_engine, vp, options);
        Assert.True(result.Verified, string.Join("; ", result.Problems));

        // The presentation's proof covers the embedded credentials' content.
        var tampered = Edit(vp, n => n["verifiableCredential"]![credentials - 1]!["credentialSubject"]!["name"] = "Other steel");
        var bad = Verify(_engine, tampered, options);
        Assert.False(bad.Verified);
        Assert.Equal(ProblemTypes.ProofVerificationError, Assert.Single(bad.Problems).Type);
    }

    private static string MillTestReport(int i, string issuer) =>
        "{\"@context\": " + Contexts + ", \"id\": \"urn:uuid:00000000-0000-4000-8000-" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture) + "\", "
        + "\"type\": [\"VerifiableCredential\", \"MillTestReportCredential\"], \"issuer\": \"" + issuer + "\", \"validFrom\": \"2025-01-01T00:00:00Z\", "
        + "\"credentialSubject\": {\"type\": \"Organization\", \"name\": \"Steel " + i + "\", \"address\": {\"type\": \"PostalAddress\", \"addressCountry\": \"US\"}}}";
}
