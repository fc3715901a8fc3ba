using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Tests.Verification;
using Tradeproof.Credentials.Verification;
using Tradeproof.JsonLd;
using Tradeproof.Rdf.Canonicalization;

namespace Tradeproof.Credentials.Tests.DataIntegrity;

/// <summary>
/// A presentation's toRdf keeps the expanded form of an embedded credential (<see cref="EmbeddedDocuments"/>) only
/// where it provably equals the credential's own expansion (VC 2.0's <c>verifiableCredential</c> with its scoped
/// <c>"@context": null</c>, <c>proof</c> the only key for sec:proof, no <c>@nest</c>); and wherever it is kept, the
/// credential's dataset without <c>proof</c> made from it has the same canonical form as toRdf of the credential
/// without <c>proof</c> processed alone. The verifier, which uses it for each credential's own proof, accepts and
/// rejects exactly as before.
/// </summary>
public sealed class EmbeddedExpansionTests
{
    private const string V2 = "https://www.w3.org/ns/credentials/v2";
    private const string Examples = "https://www.w3.org/ns/credentials/examples/v2";
    private const string DummyProof = """{"type":"DataIntegrityProof","cryptosuite":"eddsa-rdfc-2022","created":"2025-01-01T00:00:00Z","verificationMethod":"did:example:issuer#key-1","proofPurpose":"assertionMethod","proofValue":"z1111"}""";

    private static readonly ProofTransforms Transforms = ProofTransforms.Default;

    private static string Vector(params string[] path) =>
        File.ReadAllText(Tradeproof.Testing.Conformance.PathOf(["di-vectors", .. path]));

    /// <summary>The Data Integrity vectors (every suite, proof sets and chains) inside a VC 2.0 presentation: all kept, all equal.</summary>
    [Fact]
    public void The_data_integrity_vectors_inside_a_vc2_presentation_are_kept_and_give_their_own_dataset()
    {
        string[] credentials =
        [
            Vector("vc-di-eddsa", "TestVectors", "eddsa-rdfc-2022", "signedDataInt.json"),
            Vector("vc-di-eddsa", "TestVectors", "eddsa-rdfc-2022", "employ", "signedDataInt.json"),
            Vector("vc-di-eddsa", "TestVectors", "eddsa-jcs-2022", "signedJCS.json"),
            Vector("vc-di-eddsa", "TestVectors", "Ed25519Signature2020", "signedEdSig.json"),
            Vector("vc-di-eddsa", "TestVectors", "proof-set-chain", "signedProofSet2.json"),
            Vector("vc-di-eddsa", "TestVectors", "proof-set-chain", "signedProofChain2.json"),
            Vector("vc-di-ecdsa", "TestVectors", "ecdsa-rdfc-2019-p256", "signedECDSAP256.json"),
        ];
        Check($"[\"{V2}\"]", credentials, [true, true, true, true, true, true, true]);
    }

    [Fact]
    public void Credentials_with_extra_contexts_and_their_own_term_definitions_are_kept_and_equal()
    {
        var extra = Credential($$"""["{{V2}}", "{{Examples}}", {"ex": "https://example.org/terms#", "lot": "ex:lot", "alumniOf": "https://other.example/alumniOf"}]""", """ "lot": "L-1", "credentialSubject": {"id": "did:example:s", "alumniOf": "Example U"} """);
        // The presentation defines the same terms differently: with the scoped null context they must not reach in.
        var presentationContext = $$"""["{{V2}}", {"lot": "https://evil.example/lot", "alumniOf": "https://evil.example/alumniOf", "@vocab": "https://evil.example/#"}]""";
        Check(presentationContext, [extra, Credential($"[\"{V2}\", \"{Examples}\"]", """ "name": "Two" """)], [true, true]);
    }

    [Fact]
    public void A_vc11_credential_inside_a_vc2_presentation_is_kept_and_equal()
    {
        var v11 = Credential("""["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2", {"@vocab": "https://example.org/trade/vocab#"}]""", """ "issuanceDate": "2025-01-01T00:00:00Z", "lotNumber": "L-2" """);
        Check($"[\"{V2}\"]", [v11], [true]);
    }

    [Fact]
    public void Nothing_is_kept_in_a_vc11_presentation()
    {
        // VC 1.1's verifiableCredential has no scoped context: the presentation's terms reach into the credential.
        var coo = File.ReadAllText(Path.Combine(Tradeproof.Testing.Conformance.RepositoryRoot, "tests", "Tradeproof.Interop.Tests", "Data", "certificate-of-origin-v1.json"));
        var signed = WithProof(coo);
        var kept = Check("""["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"]""", [signed, signed], [false, false]);
        Assert.Equal(2, kept.Count);
    }

    [Fact]
    public void A_second_key_for_proof_an_alias_or_a_nest_is_not_kept()
    {
        var fullIri = Credential($"[\"{V2}\"]", """ "https://w3id.org/security#proof": {"@id": "urn:example:other-proof"} """);
        var alias = Credential("[\"" + V2 + "\", " + """{"signature": {"@id": "https://w3id.org/security#proof", "@type": "@id", "@container": "@graph"}}]""", """ "signature": {"id": "urn:example:sig"} """);
        var nest = Credential($$"""["{{V2}}", {"meta": "@nest"}]""", """ "meta": {"name": "Nested"} """);
        var noProof = Credential($"[\"{V2}\"]", """ "name": "No proof" """, proof: false);
        var plain = Credential($"[\"{V2}\"]", """ "name": "Plain" """);
        Check($"[\"{V2}\"]", [fullIri, alias, nest, noProof, plain], [false, false, false, false, true]);
    }

    [Fact]
    public void A_single_credential_object_is_kept_and_a_full_iri_member_is_not()
    {
        var plain = Credential($"[\"{V2}\"]", """ "name": "Single" """);
        var presentation = $$"""{"@context": ["{{V2}}"], "type": ["VerifiablePresentation"], "verifiableCredential": {{plain}}}""";
        var kept = Keep(presentation);
        Assert.True(kept.IsKept(0));
        AssertSameDataset(plain, kept, 0);

        // The member named by its IRI has no scoped context (and is not the member asked for).
        var byIri = $$"""{"@context": ["{{V2}}"], "type": ["VerifiablePresentation"], "https://www.w3.org/2018/credentials#verifiableCredential": {"@graph": """ + plain + "}}";
        Assert.False(Keep(byIri).IsKept(0));
    }

    [Fact]
    public void A_presentation_that_needs_the_node_map_keeps_the_expansion_but_sets_no_dataset_aside()
    {
        // A list value sends the presentation's toRdf to the node map path: the kept expanded form is deserialized alone.
        var plain = Credential($"[\"{V2}\"]", """ "name": "Listed" """);
        var presentation = $$"""{"@context": ["{{V2}}"], "type": ["VerifiablePresentation"], "https://example.org/list": {"@list": ["a", "b"]}, "verifiableCredential": [""" + plain + "]}";
        var kept = Keep(presentation);
        Assert.True(kept.IsKept(0));
        AssertSameDataset(plain, kept, 0, setAside: false);
    }

    [Fact]
    public void Kept_expansions_serve_only_the_options_they_were_made_with()
    {
        var plain = Credential($"[\"{V2}\"]", """ "name": "Options" """);
        var kept = Keep($$"""{"@context": ["{{V2}}"], "type": ["VerifiablePresentation"], "verifiableCredential": [{{plain}}]}""");
        Assert.NotNull(kept.ToRdf(0, Transforms.JsonLdOptions));
        Assert.Null(kept.ToRdf(0, new JsonLdOptions { SafeMode = true }));
        Assert.Null(kept.ToRdf(1, Transforms.JsonLdOptions));
    }

    /// <summary>The verifier with the kept expansions: valid presentations stay valid, tampered credentials still fail.</summary>
    [Fact]
    public void The_verifier_accepts_and_rejects_embedded_credentials_as_before()
    {
        var fixture = new VerificationFixture();
        var verifier = fixture.Verifier();
        var one = fixture.SignedCredential("\"name\": \"One\",");
        var two = fixture.Sign(TestData.Edit(VerificationFixture.Credential(fixture.IssuerDid, "\"lot\": \"L-9\","), n => n["@context"] = JsonNode.Parse($$"""["{{V2}}", "{{Examples}}", {"lot": "https://example.org/lot"}]""")), fixture.Issuer);
        var proofLike = fixture.SignedCredential("\"https://w3id.org/security#proof\": {\"@id\": \"urn:example:other\"},");

        var valid = Present(fixture, [one, two, proofLike]);
        var result = VerificationFixture.Run(verifier, valid, new VerificationRequest { Challenge = "c-1" });
        VerificationFixture.AssertValid(result);
        Assert.Equal(3, result.Credentials.Count);
        Assert.All(result.Credentials, c => Assert.Equal(VerificationOutcome.Valid, c.Outcome));

        // The fast path is taken for the first two (and not for the one with a second key for sec:proof).
        var kept = Keep(Encoding.UTF8.GetString(DataIntegrityEngine.WithoutProofMember(valid)), Transforms);
        Assert.Equal([true, true, false], [kept.IsKept(0), kept.IsKept(1), kept.IsKept(2)]);

        // A credential changed after its issuer signed it, in a presentation the holder signed: still rejected.
        foreach (var (index, edit) in new (int, Action<JsonObject>)[]
        {
            (0, n => n["name"] = "Changed"),
            (1, n => n["lot"] = "L-10"),
            (2, n => n["https://w3id.org/security#proof"] = JsonNode.Parse("""{"@id": "urn:example:changed"}""")),
        })
        {
            byte[][] credentials = [one, two, proofLike];
            credentials[index] = TestData.Edit(credentials[index], edit);
            var bad = VerificationFixture.Run(verifier, Present(fixture, credentials), new VerificationRequest { Challenge = "c-1" });
            VerificationFixture.AssertInvalidAt(bad, CheckNames.Credentials, ProblemTypes.ProofVerificationError);
            Assert.Equal(VerificationOutcome.Invalid, bad.Credentials[index].Outcome);
            Assert.Equal(2, bad.Credentials.Count(c => c.Outcome == VerificationOutcome.Valid));
        }
    }

    [Fact]
    public void The_verifier_still_verifies_a_vc11_presentation_of_a_vc11_credential()
    {
        var fixture = new VerificationFixture();
        const string contexts = """["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"]""";
        var credential = fixture.Sign(Encoding.UTF8.GetBytes($$"""
            {"@context": {{contexts}}, "id": "urn:uuid:11111111-2222-4333-8444-555555555556", "type": ["VerifiableCredential"],
             "issuer": "{{fixture.IssuerDid}}", "issuanceDate": "2025-01-01T00:00:00Z", "credentialSubject": {"id": "did:example:subject"} }
            """), fixture.Issuer);
        var vp = new JsonObject
        {
            ["@context"] = JsonNode.Parse(contexts),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = fixture.HolderDid,
            ["verifiableCredential"] = new JsonArray(JsonNode.Parse(credential)),
        };
        var signed = fixture.Sign(Encoding.UTF8.GetBytes(vp.ToJsonString()), fixture.Holder, tweak: o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c-2" });
        Assert.False(Keep(Encoding.UTF8.GetString(DataIntegrityEngine.WithoutProofMember(signed)), Transforms).IsKept(0));
        var verifier = fixture.Verifier();
        VerificationFixture.AssertValid(VerificationFixture.Run(verifier, signed, new VerificationRequest { Challenge = "c-2" }));

        var tampered = TestData.Edit(credential, n => n["credentialSubject"]!["id"] = "did:example:other");
        vp["verifiableCredential"] = new JsonArray(JsonNode.Parse(tampered));
        var bad = fixture.Sign(Encoding.UTF8.GetBytes(vp.ToJsonString()), fixture.Holder, tweak: o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c-3" });
        VerificationFixture.AssertInvalidAt(VerificationFixture.Run(verifier, bad, new VerificationRequest { Challenge = "c-3" }), CheckNames.Credentials, ProblemTypes.ProofVerificationError);
    }

    private static byte[] Present(VerificationFixture fixture, byte[][] credentials)
    {
        var vp = new JsonObject
        {
            ["@context"] = new JsonArray(V2),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = fixture.HolderDid,
            ["verifiableCredential"] = new JsonArray([.. credentials.Select(c => JsonNode.Parse(c))]),
        };
        return fixture.Sign(Encoding.UTF8.GetBytes(vp.ToJsonString()), fixture.Holder, tweak: o => o with { ProofPurpose = ProofPurposes.Authentication, Challenge = "c-1" });
    }

    private static string Credential(string context, string members, bool proof = true) =>
        $$"""{"@context": {{context}}, "id": "urn:uuid:{{Guid.NewGuid()}}", "type": ["VerifiableCredential"], "issuer": "did:example:issuer", "validFrom": "2025-01-01T00:00:00Z", {{members.Trim().TrimEnd(',')}}{{(members.Contains("credentialSubject", StringComparison.Ordinal) ? "" : ", \"credentialSubject\": {\"id\": \"did:example:subject\"}")}}{{(proof ? ", \"proof\": " + DummyProof : "")}}}""";

    private static string WithProof(string credential)
    {
        var node = JsonNode.Parse(credential)!.AsObject();
        node["@context"]!.AsArray().Add("https://w3id.org/security/data-integrity/v2");
        node["proof"] = JsonNode.Parse(DummyProof);
        return node.ToJsonString();
    }

    /// <summary>Wraps the credentials in a presentation, checks which are kept, and that each kept one gives its own dataset.</summary>
    private static EmbeddedDocuments Check(string presentationContext, string[] credentials, bool[] expected)
    {
        var presentation = $$"""{"@context": {{presentationContext}}, "type": ["VerifiablePresentation"], "verifiableCredential": [{{string.Join(",", credentials)}}]}""";
        var kept = Keep(presentation);
        Assert.Equal(credentials.Length, kept.Count);
        for (var i = 0; i < credentials.Length; i++)
        {
            Assert.True(expected[i] == kept.IsKept(i), $"credential {i}: expected kept {expected[i]}");
            if (kept.IsKept(i))
            {
                AssertSameDataset(credentials[i], kept, i);
            }
            else
            {
                Assert.Null(kept.ToRdf(i, Transforms.JsonLdOptions));
            }
        }

        return kept;
    }

    private static EmbeddedDocuments Keep(string presentation, ProofTransforms? transforms = null)
    {
        transforms ??= Transforms;
        var kept = new EmbeddedDocuments("verifiableCredential", "proof", "https://w3id.org/security#proof");
        var bytes = Encoding.UTF8.GetBytes(presentation);
        var withKept = JsonLdProcessor.ToRdf(bytes, transforms.JsonLdOptions, kept);
        Assert.True(kept.IsFilled);

        // Keeping changes nothing in the presentation's own dataset.
        Assert.Equal(Canonical(JsonLdProcessor.ToRdf(bytes, transforms.JsonLdOptions)), Canonical(withKept));
        return kept;
    }

    private static void AssertSameDataset(string credential, EmbeddedDocuments kept, int index, bool setAside = true)
    {
        var alone = Transforms.ToRdf(DataIntegrityEngine.WithoutProofMember(Encoding.UTF8.GetBytes(credential)));
        var fromPresentation = kept.ToRdf(index, Transforms.JsonLdOptions);
        Assert.NotNull(fromPresentation);
        Assert.Equal(Canonical(alone), Canonical(fromPresentation));

        // Both ways: the dataset the presentation's walk set aside, and the kept expanded form deserialized.
        Assert.Equal(setAside, kept.IsSetAside(index));
        Assert.Equal(Canonical(alone), Canonical(kept.ExpandedToRdf(index, Transforms.JsonLdOptions)!));
    }

    private static string Canonical(Tradeproof.Rdf.RdfDataset dataset) =>
        Encoding.UTF8.GetString(Transforms.Canonicalize(dataset, RdfcHashAlgorithm.Sha256).CanonicalNQuadsUtf8.Span);
}
