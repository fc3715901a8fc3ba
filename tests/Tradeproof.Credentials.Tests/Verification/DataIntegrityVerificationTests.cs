using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>Data Integrity credentials through the verifier: the checks in order, and every bad input reported by the right check with the right type.</summary>
public sealed class DataIntegrityVerificationTests
{
    private readonly VerificationFixture _f = new();

    [Fact]
    public void A_signed_credential_is_valid_and_every_check_is_recorded_in_order()
    {
        var signed = _f.SignedCredential();
        var result = Run(_f.Verifier(), signed);

        AssertValid(result);
        Assert.Equal(CredentialFormat.DataIntegrityCredential, result.Format);
        Assert.Equal(
            [CheckNames.StrictParse, CheckNames.DataModel, CheckNames.ProofStructure, CheckNames.ValidityPeriod, CheckNames.ChallengeDomain,
             CheckNames.ResolveVerificationMethod, CheckNames.IssuerBinding, CheckNames.TransformAndVerify, CheckNames.ProofSetChain,
             CheckNames.Credentials, CheckNames.Status, CheckNames.BusinessRules, CheckNames.Receipt],
            result.Checks.Select(c => c.Name));
        Assert.Equal(CheckOutcome.NotApplicable, result.Check(CheckNames.ChallengeDomain)!.Outcome);
        Assert.Equal(CheckOutcome.Skipped, result.Check(CheckNames.BusinessRules)!.Outcome);
        Assert.Equal(_f.IssuerDid, result.Credential!.Issuer);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void The_receipt_hashes_the_exact_bytes_and_the_DID_document_used()
    {
        var signed = _f.SignedCredential();
        var result = Run(_f.Verifier(), signed);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(signed)), result.Receipt.CredentialSha256);
        Assert.Equal(_f.IssuerDid, Assert.Single(result.Receipt.DidDocuments).Id);
        Assert.Equal(64, result.Receipt.DidDocuments[0].Sha256.Length);
        Assert.Equal(TestData.Now, result.Receipt.VerifiedAt);
        Assert.Equal(VerificationOutcome.Valid, result.Receipt.Outcome);
    }

    public static TheoryData<string, KeyType> SuitesAndKeys() => new()
    {
        { "eddsa-rdfc-2022", KeyType.Ed25519 },
        { "eddsa-jcs-2022", KeyType.Ed25519 },
        { "ecdsa-rdfc-2019", KeyType.P256 },
        { "ecdsa-rdfc-2019", KeyType.P384 },
        { "ecdsa-jcs-2019", KeyType.P256 },
        { "Ed25519Signature2018", KeyType.Ed25519 },
        { "JsonWebSignature2020", KeyType.P256 },
    };

    [Theory]
    [MemberData(nameof(SuitesAndKeys))]
    public void Every_suite_of_the_registry_verifies_and_a_changed_value_fails_at_transform_and_verify(string suite, KeyType keyType)
    {
        using var key = TestData.Key(keyType);
        var document = suite switch
        {
            "Ed25519Signature2018" => TestData.Edit(Credential(DidOf(key)), n => n["@context"]!.AsArray().Add("https://w3id.org/security/suites/ed25519-2018/v1")),
            "JsonWebSignature2020" => TestData.Edit(Credential(DidOf(key)), n => n["@context"]!.AsArray().Add("https://w3id.org/security/suites/jws-2020/v1")),
            _ => Credential(DidOf(key)),
        };
        var signed = _f.Sign(document, key, suite);
        AssertValid(Run(_f.Verifier(), signed));

        var tampered = TestData.Edit(signed, n => n["credentialSubject"]!["id"] = "did:example:mallory");
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.TransformAndVerify, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void An_ecdsa_sd_2023_derived_proof_verifies_and_its_base_proof_is_refused_as_a_presentation_form()
    {
        using var key = TestData.Key(KeyType.P256);
        var document = TestData.Edit(Credential(DidOf(key)), n => n["credentialSubject"]!["name"] = "Great Lakes Steelworks");
        var signed = _f.Sign(document, key, "ecdsa-sd-2023");
        var derived = EcdsaSd2023.Derive(signed, ["/issuer", "/credentialSubject/name"]);
        AssertValid(Run(_f.Verifier(), derived));
        Assert.False(Run(_f.Verifier(), signed).Verified);
    }

    [Fact]
    public void An_undefined_term_added_after_signing_is_a_transformation_error()
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["undefinedTerm"] = "x");
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.TransformAndVerify, ProblemTypes.ProofTransformationError);
    }

    [Fact]
    public void An_extra_type_added_after_signing_is_invalid()
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["type"]!.AsArray().Add("CustomsReleaseCredential"));
        var result = Run(_f.Verifier(), tampered);
        Assert.Equal(CheckNames.TransformAndVerify, FailedCheck(result).Name);
    }

    [Fact]
    public void A_relative_IRI_is_a_malformed_value_before_any_cryptography()
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["credentialSubject"]!["id"] = "../subject");
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.DataModel, ProblemTypes.MalformedValueError);
    }

    [Theory]
    [InlineData("https://www.w3.org/ns/credentials/v2/")]
    [InlineData("https://www.w3.org/ns/credentiaIs/v2")]
    [InlineData("http://www.w3.org/ns/credentials/v2")]
    public void A_look_alike_base_context_is_a_malformed_value(string lookAlike)
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["@context"]![0] = lookAlike);
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.DataModel, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void An_unknown_context_URL_is_never_fetched_and_fails_the_transformation()
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["@context"]!.AsArray().Add("https://evil.example/context"));
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.TransformAndVerify, ProblemTypes.ProofTransformationError);

        var allowlisted = _f.Verifier(o => o with { DataModel = o.DataModel with { AllowedContexts = new HashSet<string> { "https://w3id.org/security/data-integrity/v2" } } });
        AssertInvalidAt(Run(allowlisted, tampered), CheckNames.DataModel, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void A_reordered_context_fails_against_the_allowlisted_sequence()
    {
        const string v2 = "https://www.w3.org/ns/credentials/v2";
        const string a = "https://w3id.org/security/data-integrity/v2";
        const string b = "https://w3id.org/security/multikey/v1";
        var signed = _f.Sign(TestData.Edit(Credential(_f.IssuerDid), n => n["@context"] = new JsonArray(v2, a, b)), _f.Issuer);
        var verifier = _f.Verifier(o => o with { AllowedContextSequences = [[v2, a, b]] });
        AssertValid(Run(verifier, signed));

        var reordered = TestData.Edit(signed, n => n["@context"] = new JsonArray(v2, b, a));
        AssertInvalidAt(Run(verifier, reordered), CheckNames.DataModel, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void A_JCS_proof_whose_context_is_not_a_prefix_of_the_document_context_fails()
    {
        var signed = _f.SignedCredential(suite: "eddsa-jcs-2022");
        var tampered = TestData.Edit(signed, n => n["proof"]!["@context"] = new JsonArray("https://w3id.org/security/data-integrity/v2"));
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.TransformAndVerify, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_wrong_proof_purpose_fails_the_proof_structure_check()
    {
        var signed = _f.Sign(Credential(_f.IssuerDid), _f.Issuer, tweak: o => o with { ProofPurpose = ProofPurposes.Authentication });
        AssertInvalidAt(Run(_f.Verifier(), signed), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_key_not_listed_under_assertionMethod_fails_resolution()
    {
        var method = _f.WebDids.Add(CustomsDid, _f.Issuer, relationships: ["authentication"]);
        var signed = _f.Sign(Credential(CustomsDid), _f.Issuer, method: method);
        AssertInvalidAt(Run(_f.Verifier(), signed), CheckNames.ResolveVerificationMethod, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_customs_authority_credential_signed_with_its_listed_key_is_valid()
    {
        var method = _f.WebDids.Add(CustomsDid, _f.Issuer);
        var result = Run(_f.Verifier(), _f.Sign(Credential(CustomsDid), _f.Issuer, method: method));
        AssertValid(result);
        Assert.Equal(CustomsDid, Assert.Single(result.Receipt.DidDocuments).Id);
    }

    [Fact]
    public void An_attackers_valid_key_claiming_a_customs_authority_DID_fails_issuer_binding()
    {
        _f.WebDids.Add(CustomsDid, _f.Issuer);
        var forged = _f.Sign(Credential(CustomsDid), _f.Attacker);
        var result = Run(_f.Verifier(), forged);
        AssertInvalidAt(result, CheckNames.IssuerBinding, ProblemTypes.ProofVerificationError);
        Assert.Equal(CheckOutcome.Skipped, result.Check(CheckNames.TransformAndVerify)!.Outcome);
    }

    [Theory]
    [InlineData(",\"revoked\":\"2025-03-01T00:00:00Z\"", "Verification method revoked")]
    [InlineData(",\"expires\":\"2025-03-01T00:00:00Z\"", "Verification method expired")]
    public void A_revoked_or_expired_verification_method_fails_resolution(string methodExtra, string title)
    {
        var method = _f.WebDids.Add(CustomsDid, _f.Issuer, methodExtra: methodExtra);
        var result = Run(_f.Verifier(), _f.Sign(Credential(CustomsDid), _f.Issuer, method: method));
        AssertInvalidAt(result, CheckNames.ResolveVerificationMethod, ProblemTypes.ProofVerificationError);
        Assert.Contains(result.Problems, p => p.Title == title);
    }

    [Fact]
    public void A_method_revoked_in_the_future_is_still_usable()
    {
        var method = _f.WebDids.Add(CustomsDid, _f.Issuer, methodExtra: ",\"revoked\":\"2026-01-01T00:00:00Z\"");
        AssertValid(Run(_f.Verifier(), _f.Sign(Credential(CustomsDid), _f.Issuer, method: method)));
    }

    [Fact]
    public void An_unreachable_DID_document_is_indeterminate_never_valid_or_invalid()
    {
        var method = _f.WebDids.Add(CustomsDid, _f.Issuer);
        var signed = _f.Sign(Credential(CustomsDid), _f.Issuer, method: method);
        _f.WebDids.Unreachable.Add(CustomsDid);
        var result = Run(_f.Verifier(), signed);
        Assert.Equal(VerificationOutcome.Indeterminate, result.Outcome);
        Assert.Equal(CheckOutcome.Indeterminate, result.Check(CheckNames.ResolveVerificationMethod)!.Outcome);
        Assert.Equal(CheckOutcome.Skipped, result.Check(CheckNames.TransformAndVerify)!.Outcome);
    }

    [Theory]
    [InlineData(-299, true)]
    [InlineData(-301, false)]
    public void ValidUntil_is_accepted_within_the_clock_skew_and_refused_beyond(int secondsFromNow, bool valid)
    {
        var until = TestData.Now.AddSeconds(secondsFromNow).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var result = Run(_f.Verifier(), _f.SignedCredential($"\"validUntil\": \"{until}\","));
        if (valid)
        {
            AssertValid(result);
        }
        else
        {
            AssertInvalidAt(result, CheckNames.ValidityPeriod, ProblemTypes.RangeError);
        }
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void ValidFrom_in_the_future_is_accepted_within_the_clock_skew_and_refused_beyond(int secondsFromNow, bool valid)
    {
        var from = TestData.Now.AddSeconds(secondsFromNow).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var document = TestData.Edit(Credential(_f.IssuerDid), n => n["validFrom"] = from);
        var result = Run(_f.Verifier(), _f.Sign(document, _f.Issuer));
        Assert.Equal(valid, result.Verified);
        if (!valid)
        {
            AssertInvalidAt(result, CheckNames.ValidityPeriod, ProblemTypes.RangeError);
        }
    }

    [Theory]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void A_proof_created_in_the_future_is_accepted_within_the_clock_skew_and_refused_beyond(int secondsFromNow, bool valid)
    {
        var signed = _f.Sign(Credential(_f.IssuerDid), _f.Issuer, tweak: o => o with { Created = TestData.Now.AddSeconds(secondsFromNow) });
        var result = Run(_f.Verifier(), signed);
        Assert.Equal(valid, result.Verified);
        if (!valid)
        {
            AssertInvalidAt(result, CheckNames.ValidityPeriod, ProblemTypes.ProofVerificationError);
        }
    }

    [Fact]
    public void An_expired_proof_fails_the_validity_check()
    {
        var signed = _f.Sign(Credential(_f.IssuerDid), _f.Issuer, tweak: o => o with { Expires = TestData.Now.AddHours(-1) });
        AssertInvalidAt(Run(_f.Verifier(), signed), CheckNames.ValidityPeriod, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void An_unknown_cryptosuite_fails_the_proof_structure_check()
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["proof"]!["cryptosuite"] = "eddsa-rdfc-2099");
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_cryptosuite_outside_the_allowlist_fails_the_proof_structure_check()
    {
        var verifier = _f.Verifier(o => o with { AllowedCryptosuites = new HashSet<string> { "ecdsa-rdfc-2019" } });
        AssertInvalidAt(Run(verifier, _f.SignedCredential()), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Theory]
    [InlineData("not multibase!")]
    [InlineData("z0OIl")]
    [InlineData("")]
    public void A_malformed_proofValue_fails_the_proof_structure_check(string proofValue)
    {
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["proof"]!["proofValue"] = proofValue);
        AssertInvalidAt(Run(_f.Verifier(), tampered), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_DID_method_outside_the_allowlist_fails_the_proof_structure_check()
    {
        var verifier = _f.Verifier(o => o with { AllowedDidMethods = new HashSet<string> { "web" } });
        AssertInvalidAt(Run(verifier, _f.SignedCredential()), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_proof_set_with_one_bad_proof_is_invalid()
    {
        using var second = TestData.Key(KeyType.P256, 3);
        var byAnother = _f.Sign(_f.SignedCredential(), second, "ecdsa-rdfc-2019");
        AssertInvalidAt(Run(_f.Verifier(), byAnother), CheckNames.IssuerBinding, ProblemTypes.ProofVerificationError);

        // Both proofs by the issuer's DID: valid set; break one signature: invalid.
        var twice = _f.Sign(_f.SignedCredential(), _f.Issuer, "eddsa-jcs-2022");
        var result = Run(_f.Verifier(), twice);
        AssertValid(result);
        Assert.Equal(CheckOutcome.Passed, result.Check(CheckNames.ProofSetChain)!.Outcome);

        var broken = TestData.Edit(twice, n => n["proof"]![1]!["proofValue"] = n["proof"]![0]!["proofValue"]!.GetValue<string>());
        AssertInvalidAt(Run(_f.Verifier(), broken), CheckNames.TransformAndVerify, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_proof_chain_verifies_and_a_dangling_previousProof_fails_the_proof_set_check()
    {
        var first = _f.Sign(Credential(_f.IssuerDid), _f.Issuer, tweak: o => o with { Id = "urn:proof:1" });
        var chain = _f.Sign(first, _f.Issuer, "eddsa-jcs-2022", o => o with { Id = "urn:proof:2", PreviousProof = ["urn:proof:1"] });
        var result = Run(_f.Verifier(), chain);
        AssertValid(result);
        Assert.Contains("chain", result.Check(CheckNames.ProofSetChain)!.Reason, StringComparison.Ordinal);

        var dangling = TestData.Edit(chain, n => n["proof"]![1]!["previousProof"] = "urn:proof:missing");
        AssertInvalidAt(Run(_f.Verifier(), dangling), CheckNames.ProofSetChain, ProblemTypes.ProofVerificationError);
    }

    [Fact]
    public void A_credential_without_proof_fails_the_proof_structure_check()
    {
        AssertInvalidAt(Run(_f.Verifier(), Credential(_f.IssuerDid)), CheckNames.ProofStructure, ProblemTypes.ProofVerificationError);
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    [InlineData("\u00ff\u00fe not json")]
    public void Input_that_is_not_strict_JSON_or_a_token_is_a_parsing_error(string input)
    {
        AssertInvalidAt(Run(_f.Verifier(), input), CheckNames.StrictParse, ProblemTypes.ParsingError);
    }

    [Fact]
    public void JSON_nested_10000_deep_is_a_parsing_error_never_an_exception()
    {
        var deep = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + "}";
        AssertInvalidAt(Run(_f.Verifier(), deep), CheckNames.StrictParse, ProblemTypes.ParsingError);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0 && bytes.Length > 0)
            {
                bytes[0] = (byte)'{';
            }

            Assert.Equal(VerificationOutcome.Invalid, Run(_f.Verifier(), bytes).Outcome);
        }
    }

    [Fact]
    public void A_trust_policy_refusing_the_issuer_for_the_type_makes_the_credential_invalid()
    {
        var verifier = _f.Verifier(o => o with { IssuerTrustPolicy = new DelegateTrustPolicy((issuer, types) => IssuerTrustDecision.NotTrusted($"{issuer} may not issue {string.Join(",", types)}")) });
        AssertInvalidAt(Run(verifier, _f.SignedCredential()), CheckNames.IssuerBinding, ProblemTypes.CryptographicSecurityError);

        var unknown = _f.Verifier(o => o with { IssuerTrustPolicy = new DelegateTrustPolicy((_, _) => IssuerTrustDecision.CouldNotCheck("registry down")) });
        Assert.Equal(VerificationOutcome.Indeterminate, Run(unknown, _f.SignedCredential()).Outcome);

        var trusted = _f.Verifier(o => o with { IssuerTrustPolicy = new DelegateTrustPolicy((_, _) => IssuerTrustDecision.Trusted) });
        AssertValid(Run(trusted, _f.SignedCredential()));
    }

    [Fact]
    public void Business_check_problems_make_the_credential_invalid_and_the_check_sees_the_claims()
    {
        var check = new DelegateBusinessCheck(context =>
            context.Claims.GetProperty("credentialSubject").GetProperty("id").GetString() == "did:example:subject"
                ? [new Problem(ProblemTypes.MalformedValueError, "Not admissible", "subject refused")]
                : []);
        var result = Run(_f.Verifier(o => o with { BusinessChecks = [check] }), _f.SignedCredential());
        AssertInvalidAt(result, CheckNames.BusinessRules, ProblemTypes.MalformedValueError);
        Assert.Equal(1, check.Calls);
    }

    [Fact]
    public async Task One_verifier_gives_the_same_answers_under_concurrent_calls()
    {
        var verifier = _f.Verifier();
        var good = _f.SignedCredential();
        var bad = TestData.Edit(good, n => n["credentialSubject"]!["id"] = "did:example:mallory");
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(async () => (i, await verifier.VerifyAsync(i % 2 == 0 ? good : bad)))));
        Assert.All(results, r => Assert.Equal(r.i % 2 == 0, r.Item2.Verified));
    }

    private sealed class DelegateTrustPolicy(Func<string, IReadOnlyList<string>, IssuerTrustDecision> decide) : IIssuerTrustPolicy
    {
        public ValueTask<IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(decide(issuer, types));
    }

    private sealed class DelegateBusinessCheck(Func<BusinessCheckContext, IReadOnlyList<Problem>> check) : ICredentialBusinessCheck
    {
        public int Calls;

        public string Name => "test-rules";

        public ValueTask<IReadOnlyList<Problem>> CheckAsync(BusinessCheckContext credential, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            return ValueTask.FromResult(check(credential));
        }
    }
}
