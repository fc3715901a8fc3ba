using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.TestData;

namespace Tradeproof.Credentials.Tests.DataIntegrity;

/// <summary>Behaviour of the proof engine: round trips per suite, and every bad input reported, never thrown.</summary>
public sealed class DataIntegrityEngineTests
{
    private readonly FixedClock _clock = new(Now);
    private readonly DataIntegrityEngine _engine;

    public DataIntegrityEngineTests()
    {
        _engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = _clock });
    }

    public static TheoryData<string, KeyType> SuitesAndKeys() => new()
    {
        { "eddsa-rdfc-2022", KeyType.Ed25519 },
        { "eddsa-jcs-2022", KeyType.Ed25519 },
        { "ecdsa-rdfc-2019", KeyType.P256 },
        { "ecdsa-rdfc-2019", KeyType.P384 },
        { "ecdsa-jcs-2019", KeyType.P256 },
        { "ecdsa-jcs-2019", KeyType.P384 },
        { "Ed25519Signature2018", KeyType.Ed25519 },
        { "JsonWebSignature2020", KeyType.Ed25519 },
        { "JsonWebSignature2020", KeyType.P256 },
        { "JsonWebSignature2020", KeyType.P384 },
        { "JsonWebSignature2020", KeyType.Secp256k1 },
    };

    [Theory]
    [MemberData(nameof(SuitesAndKeys))]
    public void A_proof_round_trips_and_any_changed_value_fails(string suite, KeyType keyType)
    {
        using var key = Key(keyType);
        var signed = Sign(DocumentFor(suite), suite, key);
        Assert.True(Verify(_engine, signed).Verified, string.Join("; ", Verify(_engine, signed).Problems));

        var tampered = Edit(signed, n => n["credentialSubject"]!["id"] = "did:example:mallory");
        var result = Verify(_engine, tampered);
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.ProofVerificationError, Assert.Single(result.Problems).Type);

        var proofTampered = Edit(signed, n => n["proof"]!["created"] = "2025-03-14T12:00:01Z");
        Assert.False(Verify(_engine, proofTampered).Verified);
    }

    [Fact]
    public void Ed25519Signature2020_round_trips_with_its_context()
    {
        using var key = Key(KeyType.Ed25519);
        var document = Edit(Utf8(Credential), n => n["@context"]!.AsArray().Add("https://w3id.org/security/suites/ed25519-2020/v1"));
        var signed = Sign(document, "Ed25519Signature2020", key);
        Assert.True(Verify(_engine, signed).Verified);
        Assert.Null(JsonNode.Parse(signed)!["proof"]!["cryptosuite"]);
    }

    [Fact]
    public void A_term_added_after_signing_that_no_context_defines_is_a_transformation_error()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Sign(Utf8(Credential), "eddsa-rdfc-2022", key);
        var result = Verify(_engine, Edit(signed, n => n["undefinedTerm"] = "x"));
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.ProofTransformationError, Assert.Single(result.Problems).Type);
    }

    [Fact]
    public void Signing_a_document_with_an_undefined_term_throws_a_transform_exception()
    {
        using var key = Key(KeyType.Ed25519);
        Assert.Throws<ProofTransformException>(() => Sign(Edit(Utf8(Credential), n => n["undefinedTerm"] = "x"), "eddsa-rdfc-2022", key));
    }

    [Fact]
    public void A_wrong_proof_purpose_is_reported()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Sign(Utf8(Credential), "eddsa-rdfc-2022", key);
        var result = Verify(_engine, signed, Options() with { ExpectedProofPurpose = ProofPurposes.Authentication });
        Assert.Equal("Mismatched proof purpose", Assert.Single(result.Problems).Title);
    }

    [Fact]
    public void Domain_and_challenge_must_match_when_expected()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = _engine.AddProof(Utf8(Credential), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = MethodOf(key),
            ProofPurpose = ProofPurposes.Authentication,
            Domain = ["https://verifier.example"],
            Challenge = "c-123",
        }, key);
        var good = Options() with { ExpectedProofPurpose = ProofPurposes.Authentication, ExpectedDomain = ["https://verifier.example"], ExpectedChallenge = "c-123" };
        Assert.True(Verify(_engine, signed, good).Verified);
        Assert.Equal(ProblemTypes.InvalidDomainError, Assert.Single(Verify(_engine, signed, good with { ExpectedDomain = ["https://other.example"] }).Problems).Type);
        Assert.Equal(ProblemTypes.InvalidChallengeError, Assert.Single(Verify(_engine, signed, good with { ExpectedChallenge = "c-999" }).Problems).Type);

        var unsigned = Sign(Utf8(Credential), "eddsa-rdfc-2022", key);
        Assert.Equal(ProblemTypes.InvalidChallengeError, Assert.Single(Verify(_engine, unsigned, Options() with { ExpectedChallenge = "c-123" }).Problems).Type);
    }

    [Fact]
    public void Expires_and_created_are_checked_with_the_clock_skew()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = _engine.AddProof(Utf8(Credential), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = MethodOf(key),
            Expires = Now.AddHours(1),
        }, key);
        Assert.True(Verify(_engine, signed).Verified);

        _clock.Now = Now.AddHours(1).AddMinutes(4);
        Assert.True(Verify(_engine, signed).Verified);
        _clock.Now = Now.AddHours(1).AddMinutes(6);
        Assert.Equal("Proof expired", Assert.Single(Verify(_engine, signed).Problems).Title);

        _clock.Now = Now.AddMinutes(-4);
        Assert.True(Verify(_engine, signed).Verified);
        _clock.Now = Now.AddMinutes(-6);
        Assert.Equal("Proof created in the future", Assert.Single(Verify(_engine, signed).Problems).Title);
    }

    [Fact]
    public void Unknown_or_disallowed_cryptosuites_are_reported()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Sign(Utf8(Credential), "eddsa-rdfc-2022", key);
        var unknown = Edit(signed, n => n["proof"]!["cryptosuite"] = "eddsa-rdfc-1999");
        Assert.Equal("Unsupported cryptosuite", Assert.Single(Verify(_engine, unknown).Problems).Title);
        var restricted = Options() with { AllowedCryptosuites = ["ecdsa-rdfc-2019"] };
        Assert.Equal("Unsupported cryptosuite", Assert.Single(Verify(_engine, signed, restricted).Problems).Title);
    }

    [Theory]
    [InlineData("not base58btc")]
    [InlineData("z0OIl")]
    [InlineData("uAAAA")]
    [InlineData("z")]
    [InlineData("z3")]
    public void A_malformed_proof_value_is_reported(string proofValue)
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Edit(Sign(Utf8(Credential), "eddsa-rdfc-2022", key), n => n["proof"]!["proofValue"] = proofValue);
        var result = Verify(_engine, signed);
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.ProofVerificationError, Assert.Single(result.Problems).Type);
    }

    [Theory]
    [InlineData("{", ProblemTypes.ParsingError)]
    [InlineData("{\"a\":1,\"a\":2}", ProblemTypes.ParsingError)]
    [InlineData("[]", ProblemTypes.ParsingError)]
    [InlineData("{\"@context\":[]}", ProblemTypes.ProofVerificationError)]
    [InlineData("{\"proof\":\"x\"}", ProblemTypes.ProofVerificationError)]
    [InlineData("{\"proof\":[]}", ProblemTypes.ProofVerificationError)]
    [InlineData("{\"proof\":{}}", ProblemTypes.ProofVerificationError)]
    [InlineData("{\"proof\":{\"type\":\"DataIntegrityProof\",\"verificationMethod\":\"did:x:y\",\"proofPurpose\":\"assertionMethod\"}}", ProblemTypes.ProofVerificationError)]
    [InlineData("{\"proof\":{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-rdfc-2022\",\"verificationMethod\":\"did:x:y\",\"proofPurpose\":\"assertionMethod\",\"created\":\"yesterday\",\"proofValue\":\"z1\"}}", ProblemTypes.ProofVerificationError)]
    public void Malformed_documents_are_reported_never_thrown(string json, string type)
    {
        var result = Verify(_engine, Utf8(json));
        Assert.False(result.Verified);
        Assert.Equal(type, result.Problems[0].Type);
    }

    [Fact]
    public void A_jcs_proof_whose_context_is_not_a_prefix_of_the_document_context_fails()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Sign(Utf8(Credential), "eddsa-jcs-2022", key);
        // A context appended after signing: the proof's @context is still a prefix, and the suite reads the document
        // with the proof's context (eddsa-jcs-2022 "Verify Proof" step 4), so the proof holds.
        var appended = Verify(_engine, Edit(signed, n => n["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2")));
        Assert.True(appended.Verified);
        var replaced = Edit(signed, n => n["@context"] = new JsonArray("https://www.w3.org/ns/credentials/examples/v2", "https://www.w3.org/ns/credentials/v2"));
        Assert.Equal("Proof context mismatch", Assert.Single(Verify(_engine, replaced).Problems).Title);
        var swapped = Edit(signed, n => n["proof"]!["@context"] = new JsonArray("https://www.w3.org/ns/credentials/examples/v2"));
        Assert.Equal("Proof context mismatch", Assert.Single(Verify(_engine, swapped).Problems).Title);
    }

    [Theory]
    [InlineData("eddsa-jcs-2022", KeyType.Ed25519)]
    [InlineData("ecdsa-jcs-2019", KeyType.P256)]
    public void Integers_beyond_2_to_the_53_in_jcs_secured_data_are_refused(string suite, KeyType keyType)
    {
        using var key = Key(keyType);
        var unsafeDocument = Utf8(Credential.Replace("\"id\": \"did:example:subject\"", "\"id\": \"did:example:subject\", \"n\": 9007199254740993", StringComparison.Ordinal));
        Assert.Throws<ProofTransformException>(() => Sign(unsafeDocument, suite, key));

        var signed = Sign(Utf8(Credential), suite, key);
        var text = System.Text.Encoding.UTF8.GetString(signed).Replace("\"did:example:subject\"", "\"did:example:subject\",\"n\":9007199254740993", StringComparison.Ordinal);
        var result = Verify(_engine, Utf8(text));
        Assert.False(result.Verified);
        Assert.Equal(ProblemTypes.ProofTransformationError, Assert.Single(result.Problems).Type);
    }

    [Fact]
    public void A_key_of_another_type_than_the_suite_uses_is_reported()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Edit(Sign(Utf8(Credential), "eddsa-rdfc-2022", key), n => n["proof"]!["cryptosuite"] = "ecdsa-rdfc-2019");
        Assert.Equal("Key type does not fit the suite", Assert.Single(Verify(_engine, signed).Problems).Title);
    }

    [Fact]
    public void A_valid_signature_by_another_key_claiming_someone_elses_method_fails()
    {
        using var attacker = Key(KeyType.Ed25519, seed: 50);
        using var victim = Key(KeyType.Ed25519, seed: 90);
        var signed = _engine.AddProof(Utf8(Credential), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = MethodOf(victim) }, attacker);
        Assert.Equal("Invalid signature", Assert.Single(Verify(_engine, signed).Problems).Title);
    }

    [Fact]
    public void A_method_not_listed_for_the_purpose_is_refused()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Edit(Sign(Utf8(Credential), "eddsa-rdfc-2022", key), n => n["proof"]!["verificationMethod"] = "did:key:" + key.PublicKey.ToMultibase() + "#nope");
        var result = Verify(_engine, signed);
        Assert.Equal("Verification method not usable", Assert.Single(result.Problems).Title);
    }

    [Fact]
    public void A_jws_whose_header_names_another_algorithm_fails()
    {
        using var key = Key(KeyType.P256);
        var signed = Sign(DocumentFor("JsonWebSignature2020"), "JsonWebSignature2020", key);
        var jws = JsonNode.Parse(signed)!["proof"]!["jws"]!.GetValue<string>();
        var header = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"ES384\",\"b64\":false,\"crit\":[\"b64\"]}"u8);
        var edited = Edit(signed, n => n["proof"]!["jws"] = header + jws[jws.IndexOf('.', StringComparison.Ordinal)..]);
        Assert.Equal("Malformed jws", Assert.Single(Verify(_engine, edited).Problems).Title);
        Assert.False(Verify(_engine, Edit(signed, n => n["proof"]!["jws"] = "abc")).Verified);
    }

    [Fact]
    public void Adding_a_second_proof_makes_a_set_and_previous_proof_a_chain()
    {
        using var first = Key(KeyType.Ed25519, 1);
        using var second = Key(KeyType.P256, 2);
        var one = _engine.AddProof(Utf8(Credential), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = MethodOf(first), Id = "urn:proof:1" }, first);
        var set = _engine.AddProof(one, new ProofOptions { Cryptosuite = "ecdsa-jcs-2019", VerificationMethod = MethodOf(second) }, second);
        Assert.Equal(2, JsonNode.Parse(set)!["proof"]!.AsArray().Count);
        Assert.True(Verify(_engine, set).Verified);

        var chain = _engine.AddProof(one, new ProofOptions { Cryptosuite = "ecdsa-jcs-2019", VerificationMethod = MethodOf(second), PreviousProof = ["urn:proof:1"] }, second);
        var result = Verify(_engine, chain);
        Assert.True(result.Verified, string.Join("; ", result.Problems));

        // Changing the first proof breaks it and the chained proof.
        var broken = Edit(chain, n => n["proof"]![0]!["created"] = "2020-01-01T00:00:00Z");
        var brokenResult = Verify(_engine, broken);
        Assert.False(brokenResult.Proofs[0].Verified);
        Assert.False(brokenResult.Proofs[1].Verified);
    }

    [Fact]
    public void Misuse_throws_argument_exceptions()
    {
        using var ed = Key(KeyType.Ed25519);
        Assert.Throws<ArgumentException>(() => Sign(Utf8(Credential), "no-such-suite", ed));
        Assert.Throws<ArgumentException>(() => Sign(Utf8(Credential), "ecdsa-rdfc-2019", ed));
        Assert.Throws<ArgumentException>(() => Sign(Utf8("[1]"), "eddsa-rdfc-2022", ed));
        Assert.Throws<ArgumentException>(() => Sign(Utf8("{"), "eddsa-rdfc-2022", ed));
        Assert.Throws<ArgumentException>(() => _engine.AddProof(Utf8(Credential), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = MethodOf(ed), PreviousProof = ["urn:none"] }, ed));
        Assert.Throws<ArgumentException>(() => new CryptosuiteRegistry().Add(_engine.Registry.TryGet("eddsa-rdfc-2022", out var s) ? s : null!).Add(s));
    }

    [Fact]
    public void The_default_registry_holds_every_suite_of_the_library()
    {
        foreach (var name in new[] { "eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019", "Ed25519Signature2020", "Ed25519Signature2018", "JsonWebSignature2020" })
        {
            Assert.Contains(name, _engine.Registry.Names);
        }
    }

    [Fact]
    public void Created_comes_from_the_injected_clock()
    {
        using var key = Key(KeyType.Ed25519);
        var signed = Sign(Utf8(Credential), "eddsa-rdfc-2022", key);
        Assert.Equal("2025-03-14T12:00:00Z", JsonNode.Parse(signed)!["proof"]!["created"]!.GetValue<string>());
    }

    /// <summary>The credential, with the context that defines the legacy suites' terms where they need one.</summary>
    private static byte[] DocumentFor(string suite) => suite switch
    {
        "JsonWebSignature2020" => Edit(Utf8(Credential), n => n["@context"]!.AsArray().Add("https://w3id.org/security/suites/jws-2020/v1")),
        "Ed25519Signature2018" => Edit(Utf8(Credential), n => n["@context"]!.AsArray().Add("https://w3id.org/security/suites/ed25519-2018/v1")),
        _ => Utf8(Credential),
    };

    private static ProofVerificationOptions Options() => new() { Resolver = DidVerificationMethodResolver.Local };

    private byte[] Sign(byte[] document, string suite, KeyPair key) =>
        _engine.AddProof(document, new ProofOptions { Cryptosuite = suite, VerificationMethod = MethodOf(key) }, key);
}
