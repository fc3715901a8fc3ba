using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.Verification;
using static Tradeproof.Credentials.Tests.Verification.VerificationFixture;

namespace Tradeproof.Credentials.Tests.Verification;

/// <summary>Presentations: challenge and domain, replay, holder binding, early rejection, the credentials inside.</summary>
public sealed class PresentationVerificationTests
{
    private const string Domain = "https://verifier.example";
    private readonly VerificationFixture _f = new();

    private (CredentialVerifier Verifier, InMemoryChallengeStore Store) WithStore()
    {
        var store = new InMemoryChallengeStore(_f.Clock, new CounterRandom());
        return (_f.Verifier(o => o with { ChallengeStore = store, Domains = [Domain] }), store);
    }

    [Fact]
    public void A_presentation_with_our_challenge_and_domain_is_valid_and_its_credentials_are_verified()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential(), _f.SignedCredential(suite: "eddsa-jcs-2022")], challenge, Domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });

        AssertValid(result);
        Assert.Equal(CredentialFormat.DataIntegrityPresentation, result.Format);
        Assert.Equal("challenge consumed", result.Check(CheckNames.ChallengeDomain)!.Reason);
        Assert.Equal(2, result.Credentials.Count);
        Assert.All(result.Credentials, c => Assert.True(c.Verified));
        Assert.Equal(_f.HolderDid, result.Presentation!.Holder);
    }

    [Fact]
    public void A_presentation_proof_without_a_challenge_fails_the_proof_structure_check()
    {
        var (verifier, store) = WithStore();
        var vp = _f.Presentation([_f.SignedCredential()], null, Domain);
        AssertInvalidAt(Run(verifier, vp, new VerificationRequest { Challenge = store.Issue(Domain) }), CheckNames.ProofStructure, ProblemTypes.InvalidChallengeError);
    }

    [Fact]
    public void A_presentation_verified_without_an_expected_challenge_is_refused_by_default()
    {
        var vp = _f.Presentation([_f.SignedCredential()], "anything", null);
        AssertInvalidAt(Run(_f.Verifier(), vp), CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
    }

    [Fact]
    public void A_wrong_challenge_is_an_invalid_challenge_error()
    {
        var (verifier, store) = WithStore();
        store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], "not-the-one", Domain);
        AssertInvalidAt(Run(verifier, vp, new VerificationRequest { Challenge = "the-one" }), CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
    }

    [Fact]
    public void A_challenge_we_never_issued_is_refused_by_the_store()
    {
        var (verifier, _) = WithStore();
        var vp = _f.Presentation([_f.SignedCredential()], "made-up", Domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = "made-up" });
        AssertInvalidAt(result, CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
        Assert.Contains(result.Problems, p => p.Title == "Unknown challenge");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData(null)]
    public void A_wrong_or_missing_domain_is_an_invalid_domain_error(string? domain)
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue();
        var vp = _f.Presentation([_f.SignedCredential()], challenge, domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        Assert.Equal(VerificationOutcome.Invalid, result.Outcome);
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.InvalidDomainError);
    }

    [Fact]
    public void A_replayed_presentation_is_refused_the_second_time()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        var request = new VerificationRequest { Challenge = challenge };
        AssertValid(Run(verifier, vp, request));
        var replay = Run(verifier, vp, request);
        AssertInvalidAt(replay, CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
        Assert.Contains(replay.Problems, p => p.Title == "Challenge already used");
    }

    [Fact]
    public async Task Exactly_one_of_50_concurrent_verifications_with_the_same_challenge_is_accepted()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        var request = new VerificationRequest { Challenge = challenge };
        using var start = new ManualResetEventSlim(false);
        var tasks = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await verifier.VerifyAsync(vp, request);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(tasks);
        Assert.Single(results, r => r.Verified);
        Assert.Equal(49, results.Count(r => r.Check(CheckNames.ChallengeDomain)!.Outcome == CheckOutcome.Failed));
    }

    [Fact]
    public void An_expired_challenge_is_refused()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        _f.Clock.Now = TestData.Now.AddMinutes(10);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        Assert.Contains(result.Problems, p => p.Title == "Challenge expired");
    }

    [Fact]
    public void A_presentation_signed_by_someone_other_than_the_holder_fails_holder_binding()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain, signer: _f.Attacker);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        AssertInvalidAt(result, CheckNames.IssuerBinding, ProblemTypes.ProofVerificationError);
        Assert.Contains(result.Problems, p => p.Title == "Holder is not the signer");
    }

    [Fact]
    public void An_invalid_presentation_wrapping_100_credentials_is_rejected_without_verifying_them()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var credential = _f.SignedCredential();
        var vp = _f.Presentation(Enumerable.Repeat(credential, 100), challenge, Domain);
        var tampered = TestData.Edit(vp, n => n["holder"] = _f.IssuerDid);

        var result = Run(verifier, tampered, new VerificationRequest { Challenge = challenge });
        Assert.Equal(VerificationOutcome.Invalid, result.Outcome);
        Assert.Empty(result.Credentials);
        Assert.Equal(CheckOutcome.Skipped, result.Check(CheckNames.Credentials)!.Outcome);
    }

    [Fact]
    public void More_credentials_than_the_cap_are_refused()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var vp = _f.Presentation(Enumerable.Repeat(_f.SignedCredential(), 3), challenge, Domain);
        var capped = new CredentialVerifier(verifier.Options with { MaxCredentialsPerPresentation = 2 });
        AssertInvalidAt(Run(capped, vp, new VerificationRequest { Challenge = challenge }), CheckNames.Credentials, ProblemTypes.MalformedValueError);
    }

    [Fact]
    public void A_presentation_with_one_tampered_credential_is_invalid_at_the_credentials_check()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var tampered = TestData.Edit(_f.SignedCredential(), n => n["credentialSubject"]!["id"] = "did:example:mallory");
        var vp = _f.Presentation([_f.SignedCredential(), tampered], challenge, Domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        AssertInvalidAt(result, CheckNames.Credentials, ProblemTypes.ProofVerificationError);
        Assert.True(result.Credentials[0].Verified);
        Assert.Equal(CheckNames.TransformAndVerify, FailedCheck(result.Credentials[1]).Name);
    }

    [Fact]
    public void An_enveloped_VC_JWT_inside_a_Data_Integrity_presentation_is_verified()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        var vp = _f.Presentation([VcJose.Envelope(jwt)], challenge, Domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        AssertValid(result);
        Assert.Equal(CredentialFormat.VcJwt, Assert.Single(result.Credentials).Format);
    }

    [Fact]
    public void A_VP_JWT_with_nonce_aud_and_enveloped_credentials_is_valid_and_a_wrong_nonce_is_not()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue(Domain);
        var jwt = VcJose.IssueCredential(Credential(_f.IssuerDid), _f.Issuer, MethodOf(_f.Issuer));
        string VpJwt(string nonce)
        {
            var vp = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["type"] = new JsonArray("VerifiablePresentation"),
                ["holder"] = _f.HolderDid,
                ["nonce"] = nonce,
                ["aud"] = Domain,
                ["verifiableCredential"] = new JsonArray(JsonNode.Parse(VcJose.Envelope(jwt))),
            };
            return VcJose.IssuePresentation(Encoding.UTF8.GetBytes(vp.ToJsonString()), _f.Holder, MethodOf(_f.Holder));
        }

        var result = Run(verifier, VpJwt(challenge), new VerificationRequest { Challenge = challenge });
        AssertValid(result);
        Assert.Equal(CredentialFormat.VpJwt, result.Format);
        Assert.Single(result.Credentials);

        var other = store.Issue(Domain);
        AssertInvalidAt(Run(verifier, VpJwt("wrong"), new VerificationRequest { Challenge = other }), CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
    }

    [Fact]
    public void A_challenge_issued_for_another_domain_is_refused_by_the_store()
    {
        var (verifier, store) = WithStore();
        var challenge = store.Issue("https://other-verifier.example");
        var vp = _f.Presentation([_f.SignedCredential()], challenge, Domain);
        var result = Run(verifier, vp, new VerificationRequest { Challenge = challenge });
        AssertInvalidAt(result, CheckNames.ChallengeDomain, ProblemTypes.InvalidChallengeError);
        Assert.Contains(result.Problems, p => p.Title == "Unknown challenge");
    }
}
