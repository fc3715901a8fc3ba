using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Workflows;
using static Tradeproof.Trade.Tests.Presentations.PresentationFixture;

namespace Tradeproof.Trade.Tests.Presentations;

/// <summary>Traceable presentations built, signed by their holder and verified as the receiving node does.</summary>
public sealed class TraceablePresentationSigningTests : IDisposable
{
    private readonly PresentationFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Theory]
    [InlineData("eddsa-rdfc-2022")]
    [InlineData("eddsa-jcs-2022")]
    public void A_presentation_of_credentials_from_different_issuers_round_trips(string holderSuite)
    {
        var invoice = _f.Issue(_f.Seller, "CommercialInvoiceCredential", _f.Importer.Did, "ecdsa-rdfc-2019");
        var billOfLading = _f.Issue(_f.Carrier, "MultiModalBillOfLadingCredential", _f.Importer.Did);
        var signed = _f.Sign(_f.Importer, _f.Build(_f.Importer, [invoice, billOfLading]), suite: holderSuite);

        var result = _f.Verify(signed);
        Assert.True(result.Verified, string.Join("; ", result.Problems.Concat(result.Credentials.SelectMany(c => c.Problems))));
        Assert.Equal([_f.Seller.Did, _f.Carrier.Did], result.Credentials.Select(c => c.Issuer));
        var proof = JsonNode.Parse(signed)!["proof"]!;
        Assert.Equal(("authentication", "c-1", "cbp.example"), (proof["proofPurpose"]!.GetValue<string>(), proof["challenge"]!.GetValue<string>(), proof["domain"]!.GetValue<string>()));

        // What the receiver learns feeds the workflow's progress.
        var received = result.Presentation!.ToReceived(Now);
        var progress = WorkflowProgressTracker.Evaluate(WorkflowCatalog.Default.Find(EntryWorkflow)!, Instance, [received]);
        Assert.Equal([(CredentialTypeIris.TraceabilityNamespace + "CommercialInvoiceCredential", _f.Seller.Did), (CredentialTypeIris.TraceabilityNamespace + "MultiModalBillOfLadingCredential", _f.Carrier.Did)],
            progress.Present.Select(p => (p.TypeId, p.Issuer!)));
        Assert.Equal(_f.Importer.Did, progress.Present[0].Holder);
    }

    [Fact]
    public void A_tampered_presentation_or_credential_fails()
    {
        var invoice = _f.Issue(_f.Seller, "CommercialInvoiceCredential", _f.Importer.Did, "ecdsa-rdfc-2019");
        var signed = _f.Sign(_f.Importer, _f.Build(_f.Importer, [invoice]));

        var otherInstance = Edit(signed, n => n["workflow"]!["instance"]![0] = "urn:uuid:99999999-9999-4999-8999-999999999999");
        var result = _f.Verify(otherInstance);
        Assert.False(result.Verified);
        Assert.Contains(result.Problems, p => p.Type == ProblemTypes.ProofVerificationError || p.Type == ProblemTypes.CryptographicSecurityError);

        var otherSubject = Edit(signed, n => n["verifiableCredential"]![0]!["credentialSubject"]!["id"] = _f.Stranger.Did);
        Assert.False(_f.Verify(otherSubject).Verified);

        // A tampered credential inside a presentation its holder signed correctly: the presentation's proof holds, the credential fails.
        var forgedInvoice = Edit(invoice, n => n["credentialSubject"]!["id"] = _f.Stranger.Did);
        var carrying = _f.Verify(_f.Sign(_f.Importer, _f.Build(_f.Importer, [forgedInvoice])));
        Assert.False(carrying.Verified);
        Assert.False(Assert.Single(carrying.Credentials).Verified);
        Assert.NotEmpty(carrying.Credentials[0].Problems);
        Assert.Equal(_f.Seller.Did, carrying.Credentials[0].Issuer);
    }

    [Fact]
    public void The_challenge_and_domain_must_be_the_ones_the_receiver_issued()
    {
        var signed = _f.Sign(_f.Importer, _f.Build(_f.Importer, []));
        Assert.True(_f.Verify(signed).Verified);
        Assert.Equal(ProblemTypes.InvalidChallengeError, Assert.Single(_f.Verify(signed, challenge: "c-2").Problems).Type);
        Assert.Equal(ProblemTypes.InvalidDomainError, Assert.Single(_f.Verify(signed, domain: "other.example").Problems).Type);

        var withoutChallenge = _f.Sign(_f.Importer, _f.Build(_f.Importer, []), challenge: null);
        Assert.Equal(ProblemTypes.InvalidChallengeError, Assert.Single(_f.Verify(withoutChallenge).Problems).Type);
    }

    [Fact]
    public void A_presentation_signed_by_someone_other_than_its_holder_fails_and_the_signer_refuses_to_make_one()
    {
        var unsigned = _f.Build(_f.Importer, []);
        Assert.Throws<ArgumentException>(() => _f.Signer.Sign(unsigned, _f.Stranger.Key, new PresentationSigningOptions { VerificationMethod = _f.Stranger.VerificationMethod }));

        var forged = _f.Engine.AddProof(unsigned, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = _f.Stranger.VerificationMethod,
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = "c-1",
            Domain = [CbpDomain],
        }, _f.Stranger.Key);
        var result = _f.Verify(forged);
        Assert.False(result.Verified);
        Assert.Equal("Holder is not the signer", Assert.Single(result.Problems).Title);
    }

    [Fact]
    public void A_presentation_with_an_assertion_proof_instead_of_authentication_fails()
    {
        var asserted = _f.Engine.AddProof(_f.Build(_f.Importer, []), new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = _f.Importer.VerificationMethod,
            Challenge = "c-1",
            Domain = [CbpDomain],
        }, _f.Importer.Key);
        Assert.False(_f.Verify(asserted).Verified);
    }

    [Fact]
    public void An_unsigned_presentation_or_one_that_is_not_traceable_fails_without_throwing()
    {
        Assert.False(_f.Verify(_f.Build(_f.Importer, [])).Verified);
        Assert.Contains(_f.Verify(Encoding.UTF8.GetBytes("{not json")).Problems, p => p.Type == ProblemTypes.ParsingError);
        var credential = _f.Verify(_f.Issue(_f.Seller, "CommercialInvoiceCredential", _f.Importer.Did, "ecdsa-rdfc-2019"), challenge: null, domain: null);
        Assert.False(credential.Verified);
        Assert.Contains(credential.Problems, p => p.Title == "Not a presentation");
        var plain = Edit(_f.Sign(_f.Importer, _f.Build(_f.Importer, [])), n => n["type"] = "VerifiablePresentation");
        Assert.Contains(_f.Verify(plain).Problems, p => p.Title == "Not a traceable presentation");
    }

    [Fact]
    public async Task A_vp_jwt_round_trips_and_checks_nonce_audience_holder_and_signature()
    {
        using var holder = TestParty.FromSecret(Cryptography.KeyType.P256, 9);
        var invoice = _f.Issue(_f.Seller, "CommercialInvoiceCredential", holder.Did, "ecdsa-rdfc-2019");
        var billOfLading = VcJose.Envelope(VcJose.IssueCredential(Encoding.UTF8.GetBytes($$"""
            {
              "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1"],
              "id": "urn:uuid:7d3c1f0a-5b2e-4c9d-8e7f-6a5b4c3d2e1f",
              "type": ["VerifiableCredential", "MultiModalBillOfLadingCredential"],
              "issuer": "{{_f.Carrier.Did}}",
              "validFrom": "2026-03-01T00:00:00Z",
              "credentialSubject": { "id": "{{holder.Did}}" }
            }
            """), _f.Carrier.Key, _f.Carrier.VerificationMethod));
        var unsigned = _f.Build(holder, [invoice, billOfLading]);
        var token = TraceablePresentationSigner.SignJwt(unsigned, holder.Key, new PresentationSigningOptions { VerificationMethod = holder.VerificationMethod, Challenge = "n-1", Domain = CbpDomain });

        var result = await _f.Verifier.VerifyAsync(Encoding.UTF8.GetBytes(token), Request("n-1", CbpDomain));
        Assert.True(result.Verified, string.Join("; ", result.Problems.Concat(result.Credentials.SelectMany(c => c.Problems))));
        Assert.Equal(holder.Did, result.Presentation!.Holder);
        Assert.Equal([_f.Seller.Did, _f.Carrier.Did], result.Credentials.Select(c => c.Issuer));
        var received = result.Presentation.ToReceived(Now).Credentials[1];
        Assert.Equal(("urn:uuid:7d3c1f0a-5b2e-4c9d-8e7f-6a5b4c3d2e1f", _f.Carrier.Did), (received.Id, received.Issuer));
        Assert.Contains("MultiModalBillOfLadingCredential", received.Types);

        Assert.Contains((await _f.Verifier.VerifyAsync(Encoding.UTF8.GetBytes(token), Request("n-2", CbpDomain))).Problems, p => p.Type == ProblemTypes.InvalidChallengeError);
        Assert.Contains((await _f.Verifier.VerifyAsync(Encoding.UTF8.GetBytes(token), Request("n-1", "other.example"))).Problems, p => p.Type == ProblemTypes.InvalidDomainError);
        var parts = token.Split('.');
        var forgedSignature = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
        Assert.False((await _f.Verifier.VerifyAsync(Encoding.UTF8.GetBytes(forgedSignature), Request("n-1", CbpDomain))).Verified);
        Assert.Throws<ArgumentException>(() => TraceablePresentationSigner.SignJwt(unsigned, _f.Stranger.Key, new PresentationSigningOptions { VerificationMethod = _f.Stranger.VerificationMethod }));
        Assert.False((await _f.Verifier.VerifyAsync(Encoding.UTF8.GetBytes("not a jwt"), Request("n-1", CbpDomain))).Verified);
    }
}
